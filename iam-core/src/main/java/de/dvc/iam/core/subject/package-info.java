/** Subject identifiers services see: pairwise per sector, and pseudonyms for logs. */
package de.dvc.iam.core.subject;
