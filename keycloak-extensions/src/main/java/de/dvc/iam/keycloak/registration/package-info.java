/**
 * Agency self-service registration (Selbstregistrierung) in Keycloak: the registration API, its
 * validation through the guarded outbound client, and the registration record kept with the IdP.
 */
package de.dvc.iam.keycloak.registration;
