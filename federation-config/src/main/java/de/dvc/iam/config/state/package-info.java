/**
 * The server side of {@code plan}, {@code apply} and {@code export}: the port {@link
 * de.dvc.iam.config.state.ServerState} (read the federation a server holds, write one object at a time), and the
 * objects on both sides of a plan — what the files want ({@code Desired*}: specs with every default made explicit,
 * secrets resolved where possible) and what the server holds ({@code Server*}: the same specs, read back, with
 * their {@link de.dvc.iam.config.state.Ownership}). Nothing here knows Keycloak: {@code keycloak} implements the
 * port over the admin REST API.
 */
package de.dvc.iam.config.state;
