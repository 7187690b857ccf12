/**
 * Agency directories (Verzeichnisdienste: Active Directory, OpenLDAP) as the password check of one agency: the
 * settings an agency registers ({@link de.dvc.iam.core.directory.DirectorySettings}), the operator's network
 * allow-list for LDAP ({@link de.dvc.iam.core.directory.DirectoryNetworkGuard}), one isolated client per directory
 * with its own pool, timeouts and circuit breaker ({@link de.dvc.iam.core.directory.DirectoryClient}), the login's
 * outcome a login page can act on ({@link de.dvc.iam.core.directory.LoginOutcome}), the mapping of an entry to the
 * DVC identity contract keyed by the entry's stable id ({@link de.dvc.iam.core.directory.DirectorySubject}), and the
 * validation report of a submitted directory ({@link de.dvc.iam.core.directory.DirectoryValidation}).
 *
 * <p>Unlike Keycloak's LDAP user federation, which asks every directory of the realm in turn (Keycloak issues
 * #35888, #37400, #38471), a login here is checked by exactly one directory, the one of the agency that discovery
 * named; a slow or hostile directory can only delay its own agency's logins, and only up to its timeouts.
 *
 * <p>Built on the UnboundID LDAP SDK, which iam-core's JAR carries relocated; no UnboundID type is part of this
 * package's public API, so callers (the Keycloak adapter) compile against iam-core alone.
 */
package de.dvc.iam.core.directory;
