/**
 * {@code export}: the federation a server holds ({@link de.dvc.iam.config.state.Snapshot}) as federation files in the
 * layout of {@code import-csv} — {@code agencies/<state>/<id>.yaml} with their IdPs, {@code services/<client>.yaml},
 * {@code settings.yaml}. Every value is written explicitly, so that a {@code plan} of the export against the same
 * server is empty. Secrets become {@code env:} references with a comment naming the variable to set; self-service
 * registrations and what the files cannot describe are named in comments and in the report, not exported.
 */
package de.dvc.iam.config.export;
