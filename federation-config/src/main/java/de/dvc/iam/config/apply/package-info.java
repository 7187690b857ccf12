/**
 * {@code apply}: runs exactly the writes of a {@link de.dvc.iam.config.plan.Plan}, in dependency order (deletes of
 * services, IdPs, agencies; then agencies, IdPs, services created or updated), a bounded number of objects at a time,
 * each complete or not at all ({@link de.dvc.iam.config.state.ServerState#write}). Stops after the objects in flight
 * when asked to (Ctrl-C) or when the server is gone; the {@link de.dvc.iam.config.apply.ApplyReport} says exactly
 * what was and was not applied, and a re-run (a new plan) completes the rest.
 */
package de.dvc.iam.config.apply;
