package de.dvc.iam.core.identity;

import de.dvc.iam.core.agency.Agency;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a {@link DvcIdentity} as the DVC claims of an ID token, access token and userinfo
 * response. Claim names and types are the contract in {@code docs/claims.md}; a change of
 * either is a new {@link #CONTRACT_VERSION}.
 *
 * <p>Stateless and thread-safe.
 */
public final class IdentityClaims {

    /** Version of the claim contract, emitted as {@value #VERSION_CLAIM}. */
    public static final String CONTRACT_VERSION = "1.0";

    public static final String VERSION_CLAIM = "dvc_contract";
    public static final String AGENCY_CLAIM = "agency";
    public static final String HOME_IDP_CLAIM = "home_idp";

    private IdentityClaims() {
    }

    /**
     * The DVC claims of {@code identity}, in a stable order. Values are strings or nested maps
     * of strings, so they serialize to JSON the same way in every token type.
     */
    public static Map<String, Object> of(DvcIdentity identity) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put(VERSION_CLAIM, CONTRACT_VERSION);
        claims.put(AGENCY_CLAIM, agency(identity.agency()));
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
}
