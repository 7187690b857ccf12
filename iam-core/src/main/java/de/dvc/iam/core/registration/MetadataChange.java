package de.dvc.iam.core.registration;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What validated new metadata does to a registered IdP's settings (Keycloak IdP configuration as a map), for the
 * refresh and for an agency's metadata update alike. The signing key rule: a changed {@value #SIGNING_CERTIFICATE} is
 * applied with the rest and noted, unless the federation holds key changes for an operator and none accepted this one;
 * then nothing changes and the registration waits. Absent and empty values are the same throughout: Keycloak's SAML
 * parser maps what the metadata no longer has (e.g. a dropped logout endpoint) to null, and Keycloak's admin API drops
 * empty values (e.g. BrokerSettings' {@code artifactResolutionServiceUrl=""}).
 *
 * <p>Stateless; {@link #apply} and {@link #merge} change the map they are given.
 */
public final class MetadataChange {

    /** The setting that holds the IdP's signing certificate(s). */
    public static final String SIGNING_CERTIFICATE = "signingCertificate";
    /** The endpoints DVC takes over from a changed OIDC discovery document; client settings stay as registered. */
    public static final List<String> OIDC_ENDPOINTS = List.of("issuer", "authorizationUrl", "tokenUrl", "userInfoUrl",
            "jwksUrl", "logoutUrl");

    private MetadataChange() {
    }

    /**
     * What {@link #apply} did.
     *
     * @param outcome unchanged, applied, key-changed or key-change-pending
     * @param changed whether a setting changed
     * @param note    what the registration's history records, if anything
     */
    public record Applied(RefreshOutcome outcome, boolean changed, Optional<String> note) {
    }

    /**
     * Puts {@code parsed} (new metadata as settings) into {@code config}, or nothing when its signing key change is held.
     *
     * @param holdKeyChanges key changes wait for an operator (files or server option) and this one is not accepted
     * @param alreadyHeld    the registration already waits for an operator (the hold is noted once)
     */
    public static Applied apply(Map<String, String> config, Map<String, String> parsed, boolean holdKeyChanges, boolean alreadyHeld) {
        boolean keyChanged = !Objects.equals(parsed.get(SIGNING_CERTIFICATE), config.get(SIGNING_CERTIFICATE));
        if (keyChanged && holdKeyChanges) {
            return new Applied(RefreshOutcome.KEY_CHANGE_PENDING, false, alreadyHeld ? Optional.empty()
                    : Optional.of("signing key change held for an operator's approval"));
        }
        boolean changed = merge(config, parsed);
        Optional<String> note = !changed ? Optional.empty()
                : Optional.of(keyChanged ? "new metadata applied; the signing key changed" : "new metadata applied");
        return new Applied(keyChanged ? RefreshOutcome.KEY_CHANGED : changed ? RefreshOutcome.APPLIED : RefreshOutcome.UNCHANGED,
                changed, note);
    }

    /**
     * Puts {@code parsed} into {@code config}; a null or empty value removes the setting.
     *
     * @return whether a setting changed
     */
    public static boolean merge(Map<String, String> config, Map<String, String> parsed) {
        boolean changed = false;
        for (Map.Entry<String, String> entry : parsed.entrySet()) {
            String value = Objects.requireNonNullElse(entry.getValue(), "");
            if (value.equals(Objects.requireNonNullElse(config.get(entry.getKey()), ""))) {
                continue;
            }
            changed = true;
            if (value.isEmpty()) {
                config.remove(entry.getKey());
            } else {
                config.put(entry.getKey(), value);
            }
        }
        return changed;
    }

    /**
     * Puts the {@link #OIDC_ENDPOINTS} of a parsed discovery document into {@code config}; an endpoint the document does
     * not name keeps its registered value.
     *
     * @return whether an endpoint changed
     */
    public static boolean applyEndpoints(Map<String, String> config, Map<String, String> parsed) {
        boolean changed = false;
        for (String key : OIDC_ENDPOINTS) {
            String value = parsed.get(key);
            if (value != null && !value.equals(config.get(key))) {
                config.put(key, value);
                changed = true;
            }
        }
        return changed;
    }

    /** Whether two configurations hold the same settings: if so, the IdP is not written (a cluster-wide cache invalidation). */
    public static boolean sameSettings(Map<String, String> a, Map<String, String> b) {
        Set<String> keys = new HashSet<>(a.keySet());
        keys.addAll(b.keySet());
        return keys.stream().allMatch(k -> Objects.requireNonNullElse(a.get(k), "").equals(Objects.requireNonNullElse(b.get(k), "")));
    }
}
