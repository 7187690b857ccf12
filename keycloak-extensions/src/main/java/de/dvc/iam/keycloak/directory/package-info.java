/**
 * Agency directories (LDAP / Active Directory) as agency IdPs of their own type, {@value
 * de.dvc.iam.keycloak.directory.DirectoryIdentityProviderFactory#PROVIDER_ID}: after discovery names the agency, DVC shows
 * its own password form (theme {@code dvc}, {@code dvc-directory-login.ftl}) and checks the password with that agency's
 * directory only — never a realm-wide fan-out over every LDAP provider as Keycloak's user federation does (Keycloak
 * issues #35888, #37400, #38471). A successful check becomes a brokered identity like a SAML or OIDC login, keyed by
 * (directory, objectGUID / entryUUID), so registration lifecycle, discovery, domain binding, assurance, access policies
 * and the audit trail apply unchanged and fail closed. The LDAP work itself is iam-core's
 * {@link de.dvc.iam.core.directory.DirectoryClient}: one pool and circuit breaker per directory.
 */
package de.dvc.iam.keycloak.directory;
