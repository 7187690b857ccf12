/**
 * {@code plan}: what the files want ({@link de.dvc.iam.config.plan.DesiredFederation}) against what the server
 * holds ({@link de.dvc.iam.config.state.Snapshot}), field by field ({@link de.dvc.iam.config.plan.Fields}), as a
 * {@link de.dvc.iam.config.plan.Plan} of creates, updates, renames and deletes of owned objects, the not-owned
 * objects it leaves alone, and the conflicts that stop apply before it writes anything. Printed for people
 * ({@link de.dvc.iam.config.plan.PlanText}, like Terraform's) and programs ({@link de.dvc.iam.config.plan.PlanJson}).
 * Secrets are compared by fingerprint and never printed.
 */
package de.dvc.iam.config.plan;
