/**
 * The guard on Keycloak's own outbound HTTP (SPI {@code connectionsHttpClient}, provider
 * {@link de.dvc.iam.keycloak.outbound.GuardedHttpClientFactory dvc-guarded}): broker calls to agency IdPs
 * (token, userinfo, JWKS, logout, SAML artifact resolution) and every other request Keycloak makes
 * through that SPI connect only to public addresses, checked per connection by
 * {@link de.dvc.iam.core.outbound.AddressGuard}, with named exceptions for the demo and tests.
 */
package de.dvc.iam.keycloak.outbound;
