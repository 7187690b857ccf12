/**
 * Home-IdP discovery in realm {@code dvc}'s browser flow: the authenticator that asks for the
 * user's work email or agency and sends her to that agency's IdP. Rules live in
 * {@code de.dvc.iam.core.discovery}.
 */
package de.dvc.iam.keycloak.discovery;
