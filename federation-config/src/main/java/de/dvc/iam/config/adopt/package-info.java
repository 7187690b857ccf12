/**
 * {@code dvc-config adopt}: a self-service registration moves into the federation files. {@link
 * de.dvc.iam.config.adopt.AdoptionFiles} writes the IdP into its agency's file as export would and checks the whole
 * directory before anything is written; {@link de.dvc.iam.config.adopt.AgencyFileEdit} edits that file's text so that
 * every other line (comments, order, quoting) stays as the operator wrote it.
 */
package de.dvc.iam.config.adopt;
