/**
 * Federation as code (issue 13): the federation — agencies with their IdPs, services, settings — described
 * as YAML files in a directory tree, checked against a published JSON Schema and iam-core's rules, and
 * imported from the fixture CSV.
 *
 * <p>Layers, each usable on its own: {@code yaml} reads files with the line and column of every value;
 * {@code schema} checks them against {@code schema/*.schema.json}; {@code model} binds them to immutable
 * specs; {@code validate} runs iam-core's rules over the whole federation; {@code csv} writes agency files
 * from {@code agencies.csv}; {@code cli} is the command {@code dvc-config}. {@code plan}, {@code apply},
 * {@code export} and {@code adopt} are to come as commands over the same loaded {@code model.Federation}:
 * they compare it with the server's state and never start from unvalidated files.
 */
package de.dvc.iam.config;
