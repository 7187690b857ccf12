/**
 * The command {@code dvc-config} (picocli): {@code validate}, {@code import-csv}, {@code plan}, {@code apply},
 * {@code export}. Exit codes: 0 valid / no changes / applied, 1 invalid input (files, CSV, conflicts with the server,
 * missing secrets: nothing written), 2 usage error, 3 a fault of the tool itself, 4 a plan with changes, 5 the server
 * cannot be read or apply did not apply everything, 130 apply interrupted. The server commands reach the server
 * through an {@link de.dvc.iam.config.cli.Environment} (tests give an in-memory one).
 */
package de.dvc.iam.config.cli;
