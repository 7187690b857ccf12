/**
 * The command {@code dvc-config} (picocli): {@code validate} and {@code import-csv}. Exit codes: 0 valid (or
 * imported), 1 invalid input, 2 usage error, 3 a fault of the tool itself. {@code plan}, {@code apply},
 * {@code export} and {@code adopt} (issue 13) are to be added as further subcommands of {@link
 * de.dvc.iam.config.cli.DvcConfig}, each starting from a {@code validate} that found no error.
 */
package de.dvc.iam.config.cli;
