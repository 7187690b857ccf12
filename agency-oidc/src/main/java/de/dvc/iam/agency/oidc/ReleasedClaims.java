package de.dvc.iam.agency.oidc;

import org.springframework.security.oauth2.server.authorization.oidc.OidcProviderConfiguration;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which claims about a staff member the provider releases for the scopes a client was granted, the same in the ID
 * token and at the userinfo endpoint: {@code sub} always; {@code profile} the names and the directory attributes DVC's
 * {@code oidc} attribute profile reads (org unit name and code, roles); {@code email} the verified address
 * (OpenID Connect Core 1.0, 5.4). DVC asks for {@code openid email profile}. Stateless and thread-safe.
 */
public final class ReleasedClaims {

    /**
     * What the provider reports as {@code acr} after a password login (OpenID Connect Core 1.0, 2): the agency's
     * own value, which its DVC registration maps to Vertrauensniveau normal (federation/demo-agency-oidc).
     */
    public static final String PASSWORD_ACR = "urn:beispiel-land:loa:passwort";

    private ReleasedClaims() {
    }

    /** The claims about {@code member} for {@code scopes}, in a stable order. */
    public static Map<String, Object> of(StaffMember member, Set<String> scopes) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", member.subject());
        if (scopes.contains("profile")) {
            claims.put("name", member.givenName() + " " + member.familyName());
            claims.put("given_name", member.givenName());
            claims.put("family_name", member.familyName());
            claims.put("org_unit", member.orgUnit());
            claims.put("org_unit_code", member.orgUnitCode());
            claims.put("roles", member.roles());
        }
        if (scopes.contains("email")) {
            claims.put("email", member.email());
            // The agency's directory holds only addresses it gave out itself or checked.
            claims.put("email_verified", true);
        }
        return claims;
    }

    /**
     * Advertises in the discovery document what {@link #of} and {@link #authentication} release (OpenID Connect
     * Discovery 1.0, 3: {@code scopes_supported}, {@code claims_supported}), so an agency admin registering the
     * provider at DVC sees that the attribute profile {@code oidc} fits.
     */
    static void advertise(OidcProviderConfiguration.Builder discovery) {
        discovery.scopes(scopes -> {
            scopes.add("profile");
            scopes.add("email");
        });
        discovery.claim("claims_supported", List.of("sub", "name", "given_name", "family_name", "email", "email_verified",
                "org_unit", "org_unit_code", "roles", "acr", "amr"));
    }

    /**
     * The claims about the authentication itself, ID token only: {@code acr} and {@code amr} ({@code pwd},
     * RFC 8176, 2).
     */
    public static Map<String, Object> authentication() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("acr", PASSWORD_ACR);
        claims.put("amr", List.of("pwd"));
        return claims;
    }
}
