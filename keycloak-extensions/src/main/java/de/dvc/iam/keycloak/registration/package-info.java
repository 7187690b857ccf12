/**
 * Agency self-service registration (Selbstregistrierung) in Keycloak: the registration API
 * ({@link de.dvc.iam.keycloak.registration.RegistrationResource}), its validation through the guarded
 * outbound client, domain proofs, updates, the registration record kept with the IdP, the sandbox test
 * login, and the scheduled metadata refresh with its events and metrics.
 */
package de.dvc.iam.keycloak.registration;
