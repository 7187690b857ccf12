/**
 * Protocol mappers that write the DVC identity contract ({@code de.dvc.iam.core.identity})
 * into OIDC tokens and userinfo responses.
 */
package de.dvc.iam.keycloak.claims;
