package de.dvc.iam.core.identity;

import de.dvc.iam.core.agency.Agency;
import de.dvc.iam.core.profile.AssertedIdentity;
import de.dvc.iam.core.profile.OrgUnit;
import de.dvc.iam.core.profile.Role;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a {@link DvcIdentity} as the claims of an ID token, access token and userinfo response.
 * Claim names and types are the contract in {@code docs/claims.md} and
 * {@code docs/dvc-claims.schema.json}; adding a claim is a new minor {@link #CONTRACT_VERSION},
 * changing or removing one a new major version.
 *
 * <p>{@code sub} and {@code acr} are standard claims the adapter sets on the token itself
 * (pairwise subject, {@link de.dvc.iam.core.assurance.AssuranceLevel#acr()}).
 *
 * <p>Stateless and thread-safe.
 */
public final class IdentityClaims {

    /** Version of the claim contract, emitted as {@value #VERSION_CLAIM}. */
    public static final String CONTRACT_VERSION = "1.1";

    public static final String VERSION_CLAIM = "dvc_contract";
    public static final String AGENCY_CLAIM = "agency";
    public static final String HOME_IDP_CLAIM = "home_idp";
    public static final String ORG_UNIT_CLAIM = "org_unit";
    public static final String ROLES_CLAIM = "roles";
    public static final String ASSURANCE_CLAIM = "dvc_assurance";

    private IdentityClaims() {
    }

    /**
     * The DVC claims of {@code identity}, in a stable order. Values are strings, booleans, lists and
     * nested maps, so they serialize to JSON the same way in every token type.
     */
    public static Map<String, Object> of(DvcIdentity identity) {
        AssertedIdentity person = identity.person();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put(VERSION_CLAIM, CONTRACT_VERSION);
        claims.put("given_name", person.givenName());
        claims.put("family_name", person.familyName());
        claims.put("name", (person.givenName() + " " + person.familyName()).trim());
        person.emailAddress().ifPresent(email -> {
            claims.put("email", email);
            claims.put("email_verified", Boolean.TRUE);
        });
        claims.put(AGENCY_CLAIM, agency(identity.agency()));
        person.unit().ifPresent(unit -> claims.put(ORG_UNIT_CLAIM, orgUnit(unit)));
        claims.put(ROLES_CLAIM, roles(person.roles()));
        claims.put(ASSURANCE_CLAIM, identity.assurance().code());
        claims.put(HOME_IDP_CLAIM, identity.homeIdp());
        return claims;
    }

    private static Map<String, String> agency(Agency agency) {
        Map<String, String> claim = new LinkedHashMap<>();
        claim.put("id", agency.id());
        claim.put("name", agency.name());
        agency.shortName().ifPresent(v -> claim.put("short_name", v));
        claim.put("level", agency.level().code());
        agency.state().ifPresent(v -> claim.put("state", v));
        agency.ags().ifPresent(v -> claim.put("ags", v));
        agency.ars().ifPresent(v -> claim.put("ars", v));
        return claim;
    }

    private static Map<String, String> orgUnit(OrgUnit unit) {
        Map<String, String> claim = new LinkedHashMap<>();
        if (unit.name() != null) {
            claim.put("name", unit.name());
        }
        if (unit.code() != null) {
            claim.put("code", unit.code());
        }
        return claim;
    }

    private static List<Map<String, Object>> roles(List<Role> roles) {
        List<Map<String, Object>> claim = new ArrayList<>();
        for (Role role : roles) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", role.name());
            if (!role.params().isEmpty()) {
                entry.put("params", new TreeMap<>(role.params()));
            }
            claim.add(entry);
        }
        return claim;
    }
}
