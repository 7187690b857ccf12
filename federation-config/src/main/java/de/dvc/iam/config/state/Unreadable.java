package de.dvc.iam.config.state;

/**
 * An object of the server that the files cannot describe (e.g. an LDAP provider, a SAML client, an organization
 * without the agency attributes). Listed by plan, never written.
 *
 * @param reason why, e.g. "provider type 'ldap' is not described by federation files"
 */
public record Unreadable(ObjectKind kind, String name, Ownership ownership, String reason) {
}
