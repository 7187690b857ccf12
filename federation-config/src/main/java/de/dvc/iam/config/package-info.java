/**
 * Federation as code (issue 13): the federation — agencies with their IdPs, services, settings — described
 * as YAML files in a directory tree, checked against a published JSON Schema and iam-core's rules, imported from
 * the fixture CSV, and reconciled with a running server.
 *
 * <p>Layers, each usable on its own: {@code yaml} reads files with the line and column of every value;
 * {@code schema} checks them against {@code schema/*.schema.json}; {@code model} binds them to immutable
 * specs; {@code validate} runs iam-core's rules over the whole federation; {@code csv} writes agency files
 * from {@code agencies.csv}; {@code state} is the server as plan, apply and export see it (a port), {@code keycloak}
 * its implementation over Keycloak's admin API; {@code plan} compares files and server, {@code apply} writes a plan,
 * {@code export} writes a server's federation as files; {@code cli} is the command {@code dvc-config}. Nothing is
 * compared with or written to a server from files that did not pass {@code validate}. {@code adopt} moves a self-service registration into the files.
 */
package de.dvc.iam.config;
