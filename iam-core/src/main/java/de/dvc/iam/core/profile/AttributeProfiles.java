package de.dvc.iam.core.profile;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static de.dvc.iam.core.profile.ContractAttribute.EMAIL;
import static de.dvc.iam.core.profile.ContractAttribute.FAMILY_NAME;
import static de.dvc.iam.core.profile.ContractAttribute.GIVEN_NAME;
import static de.dvc.iam.core.profile.ContractAttribute.ORG_UNIT_CODE;
import static de.dvc.iam.core.profile.ContractAttribute.ORG_UNIT_NAME;
import static de.dvc.iam.core.profile.ContractAttribute.ROLES;
import static de.dvc.iam.core.profile.ContractAttribute.UPN;

/**
 * The built-in attribute profiles, one per kind of IdP agencies run (docs/claims.md, "Attribute
 * profiles"). Each requires given name, family name and email; an IdP adjusts that with
 * {@link ProfileOverrides}.
 */
public final class AttributeProfiles {

    /** OIDC standard claims (OpenID Connect Core 1.0, 5.1); email only with {@code email_verified=true}. */
    public static final AttributeProfile OIDC = profile("oidc", RoleSyntax.PLAIN, "email_verified", Map.of(
            GIVEN_NAME, List.of("given_name"),
            FAMILY_NAME, List.of("family_name"),
            EMAIL, List.of("email"),
            UPN, List.of("upn"),
            ORG_UNIT_NAME, List.of("org_unit", "department"),
            ORG_UNIT_CODE, List.of("org_unit_code"),
            ROLES, List.of("roles")));

    /**
     * Microsoft Entra ID tokens: no {@code email_verified}; the UPN stands for the address (it lies
     * in a domain the tenant verified), {@code roles} are app roles.
     */
    public static final AttributeProfile ENTRA = profile("entra", RoleSyntax.PLAIN, null, Map.of(
            GIVEN_NAME, List.of("given_name"),
            FAMILY_NAME, List.of("family_name"),
            EMAIL, List.of("email", "upn", "preferred_username"),
            UPN, List.of("upn", "preferred_username"),
            ORG_UNIT_NAME, List.of("department"),
            ORG_UNIT_CODE, List.of("extn.orgUnitCode"),
            ROLES, List.of("roles")));

    /** AD FS (SAML 2.0) with its claim type URIs. */
    public static final AttributeProfile ADFS = profile("adfs", RoleSyntax.PLAIN, null, Map.of(
            GIVEN_NAME, List.of("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname"),
            FAMILY_NAME, List.of("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname"),
            EMAIL, List.of("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
                    "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn"),
            UPN, List.of("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn"),
            ORG_UNIT_NAME, List.of("http://schemas.xmlsoap.org/claims/department",
                    "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/department"),
            ORG_UNIT_CODE, List.of("http://schemas.xmlsoap.org/claims/costcenter"),
            ROLES, List.of("http://schemas.microsoft.com/ws/2008/06/identity/claims/role")));

    /**
     * SAML 2.0 with X.500/eduPerson attribute OIDs (Shibboleth, SAML V2.0 Attribute Profile,
     * urn:oasis:names:tc:SAML:2.0:attrname-format:uri); friendly names accepted as well.
     */
    public static final AttributeProfile SAML_OID = profile("saml-oid", RoleSyntax.PLAIN, null, Map.of(
            GIVEN_NAME, List.of("urn:oid:2.5.4.42", "givenName"),
            FAMILY_NAME, List.of("urn:oid:2.5.4.4", "sn"),
            EMAIL, List.of("urn:oid:0.9.2342.19200300.100.1.3", "mail"),
            UPN, List.of("urn:oid:1.3.6.1.4.1.5923.1.1.1.6", "eduPersonPrincipalName"),
            ORG_UNIT_NAME, List.of("urn:oid:2.5.4.11", "ou"),
            ORG_UNIT_CODE, List.of("urn:oid:2.16.840.1.113730.3.1.3", "departmentNumber"),
            ROLES, List.of("urn:oid:1.3.6.1.4.1.5923.1.1.1.7", "eduPersonEntitlement")));

    /**
     * Portalverbundprotokoll (PVP 2.x, the Austrian administration's SAML profile, also used as the
     * model by German state portals): roles with parameters, org unit name and code.
     */
    public static final AttributeProfile PVP = profile("pvp", RoleSyntax.PVP, null, Map.of(
            GIVEN_NAME, List.of("urn:oid:2.5.4.42", "GIVEN-NAME"),
            FAMILY_NAME, List.of("urn:oid:1.2.40.0.10.2.1.1.261.20", "PRINCIPAL-NAME"),
            EMAIL, List.of("urn:oid:0.9.2342.19200300.100.1.3", "MAIL"),
            UPN, List.of("urn:oid:0.9.2342.19200300.100.1.1", "USERID"),
            ORG_UNIT_NAME, List.of("urn:oid:2.5.4.11", "OU"),
            ORG_UNIT_CODE, List.of("urn:oid:1.2.40.0.10.2.1.1.3", "OU-GV-OU-ID"),
            ROLES, List.of("urn:oid:1.2.40.0.10.2.1.1.261.30", "ROLES")));

    /** Active Directory / LDAP attribute names (agency directories brokered over LDAP). */
    public static final AttributeProfile ACTIVE_DIRECTORY = profile("ad", RoleSyntax.LDAP_DN, null, Map.of(
            GIVEN_NAME, List.of("givenName"),
            FAMILY_NAME, List.of("sn"),
            EMAIL, List.of("mail", "userPrincipalName"),
            UPN, List.of("userPrincipalName"),
            ORG_UNIT_NAME, List.of("department"),
            ORG_UNIT_CODE, List.of("departmentNumber"),
            ROLES, List.of("memberOf")));

    public static final List<AttributeProfile> ALL = List.of(OIDC, ENTRA, ADFS, SAML_OID, PVP, ACTIVE_DIRECTORY);

    /**
     * The attribute under which a directory login (package {@code de.dvc.iam.core.directory}) hands over the roles
     * its group mapping gave, one plain role name per value. The colon makes it no valid LDAP attribute name
     * (RFC 4512 section 1.4), so no directory entry can supply it itself.
     */
    public static final String DIRECTORY_ROLES = "dvc:roles";

    /**
     * An Active Directory read by DVC's own directory login (issue 14): as {@link #ACTIVE_DIRECTORY}, but roles are
     * the registration's group mapping ({@link #DIRECTORY_ROLES}), not every group's name.
     */
    public static final AttributeProfile LDAP_AD = profile("ldap-ad", RoleSyntax.PLAIN, null, Map.of(
            GIVEN_NAME, List.of("givenName"),
            FAMILY_NAME, List.of("sn"),
            EMAIL, List.of("mail", "userPrincipalName"),
            UPN, List.of("userPrincipalName"),
            ORG_UNIT_NAME, List.of("department"),
            ORG_UNIT_CODE, List.of("departmentNumber"),
            ROLES, List.of(DIRECTORY_ROLES)));

    /** An inetOrgPerson directory (RFC 2798, e.g. OpenLDAP) read by DVC's own directory login; roles as {@link #LDAP_AD}. */
    public static final AttributeProfile LDAP_INET_ORG_PERSON = profile("ldap-inetorgperson", RoleSyntax.PLAIN, null, Map.of(
            GIVEN_NAME, List.of("givenName"),
            FAMILY_NAME, List.of("sn"),
            EMAIL, List.of("mail"),
            ORG_UNIT_NAME, List.of("ou"),
            ORG_UNIT_CODE, List.of("departmentNumber"),
            ROLES, List.of(DIRECTORY_ROLES)));

    /**
     * The profiles of directory logins. Not in {@link #ALL}, which lists what a brokered SAML/OIDC IdP may name:
     * these read {@link #DIRECTORY_ROLES}, which only a directory login writes.
     */
    public static final List<AttributeProfile> DIRECTORY = List.of(LDAP_AD, LDAP_INET_ORG_PERSON);

    private AttributeProfiles() {
    }

    /**
     * @throws IllegalArgumentException naming the known profiles
     */
    public static AttributeProfile named(String name) {
        for (AttributeProfile profile : ALL) {
            if (profile.name().equals(name == null ? "" : name.trim())) {
                return profile;
            }
        }
        for (AttributeProfile profile : DIRECTORY) {
            if (profile.name().equals(name == null ? "" : name.trim())) {
                return profile;
            }
        }
        throw new IllegalArgumentException("Unknown attribute profile '" + name
                + "': use one of oidc, entra, adfs, saml-oid, pvp, ad (IdPs) or ldap-ad, ldap-inetorgperson (agency directories).");
    }

    /** Whether {@code profile} (by its name, overrides keep it) is a directory login's: it reads {@link #DIRECTORY_ROLES}. */
    public static boolean isDirectory(AttributeProfile profile) {
        return DIRECTORY.stream().anyMatch(p -> p.name().equals(profile.name()));
    }

    private static AttributeProfile profile(String name, RoleSyntax roles, String emailVerifiedClaim,
                                            Map<ContractAttribute, List<String>> sources) {
        Set<ContractAttribute> required = EnumSet.of(GIVEN_NAME, FAMILY_NAME, EMAIL);
        return new AttributeProfile(name, new EnumMap<>(sources), required, roles, emailVerifiedClaim);
    }
}
