package de.dvc.iam.keycloak.identity;

import org.keycloak.models.RealmModel;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Seals the identity note ({@link LoginIdentity#NOTE}) to the IdP that established it: {@code <mac>.<json>} with
 * mac = HMAC-SHA256(realm key, alias ‖ 0x0A ‖ json). Only DVC's mapper writes sealed notes; a note written by anything
 * else (e.g. Keycloak's claim-to-session-note mapper configured for that name on an IdP) or copied from another IdP's
 * session does not open, so it counts as no identity (fail closed). The key is a realm attribute
 * ({@value #KEY_ATTRIBUTE}), made when the federation realm is set up or at the next start, the same on every node.
 */
final class NoteSeal {

    static final String KEY_ATTRIBUTE = "dvc.identity-note-key";
    /** A Mac per thread, keyed per call (the key is the realm's): looking one up per token costs more than the HMAC. */
    private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    });

    private NoteSeal() {
    }

    /** Makes the realm's key unless it has one. */
    static void ensureKey(RealmModel realm) {
        if (realm.getAttribute(KEY_ATTRIBUTE) == null) {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            realm.setAttribute(KEY_ATTRIBUTE, Base64.getEncoder().encodeToString(key));
        }
    }

    /** @throws IllegalStateException if the realm has no key (then no login may complete) */
    static String seal(RealmModel realm, String alias, String json) {
        return mac(key(realm).orElseThrow(() -> new IllegalStateException("Realm " + realm.getName() + " has no "
                + KEY_ATTRIBUTE + "; restart the server to make one.")), alias, json) + "." + json;
    }

    /** The JSON of a note sealed for {@code alias} in {@code realm}; empty if absent, unsealed or forged. */
    static Optional<String> open(RealmModel realm, String alias, String note) {
        Optional<byte[]> key = key(realm);
        int dot = note == null ? -1 : note.indexOf('.');
        if (key.isEmpty() || alias == null || dot < 1) {
            return Optional.empty();
        }
        String json = note.substring(dot + 1);
        boolean valid = MessageDigest.isEqual(mac(key.get(), alias, json).getBytes(StandardCharsets.US_ASCII),
                note.substring(0, dot).getBytes(StandardCharsets.US_ASCII));
        return valid ? Optional.of(json) : Optional.empty();
    }

    private static Optional<byte[]> key(RealmModel realm) {
        String value = realm.getAttribute(KEY_ATTRIBUTE);
        try {
            return value == null ? Optional.empty() : Optional.of(Base64.getDecoder().decode(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String mac(byte[] key, String alias, String json) {
        try {
            Mac mac = MACS.get();
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(alias.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) '\n');
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(json.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }
}
