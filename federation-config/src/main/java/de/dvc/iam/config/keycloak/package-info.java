/**
 * The {@link de.dvc.iam.config.state.ServerState} of a Keycloak-based DVC IAM server, over its admin REST API: agencies
 * are organizations with {@code dvc.*} attributes and verified domains, agency IdPs are identity providers with DVC's
 * broker settings, the {@code dvc-agency-profile} mapper and a link to their organization, services are OIDC clients
 * with {@code dvc.*} attributes. The mappings between specs and Keycloak representations ({@code *Mapping}) and the
 * writes with their undo steps are plain code over {@link de.dvc.iam.config.keycloak.RealmAdmin}, a small interface
 * of the REST calls used; {@link de.dvc.iam.config.keycloak.AdminClientRealm} implements it with Keycloak's admin
 * client.
 */
package de.dvc.iam.config.keycloak;
