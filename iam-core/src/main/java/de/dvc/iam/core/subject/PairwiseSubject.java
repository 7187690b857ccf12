package de.dvc.iam.core.subject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * Pairwise subject identifiers (OpenID Connect Core 1.0, section 8.1): a user's {@code sub} is
 * the same for every login at services of one sector and different between sectors, so services of
 * different operators cannot join their data on it. Computed as
 * {@code base64url(HMAC-SHA256(secret, sector || 0x00 || localId))}; the secret keeps it from being
 * recomputed by anyone who knows the local user id.
 *
 * <p>Immutable and thread-safe.
 */
public final class PairwiseSubject {

    private final SecretKeySpec key;
    /** A keyed Mac per thread: Mac is not thread-safe, and looking one up per token costs more than the HMAC. */
    private final ThreadLocal<Mac> macs;

    /** @param secret at least 32 bytes */
    public PairwiseSubject(byte[] secret) {
        if (secret == null || secret.length < 32) {
            throw new IllegalArgumentException("The pairwise subject secret must be at least 32 bytes.");
        }
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }

    public String of(String sector, String localId) {
        if (sector == null || sector.isBlank() || localId == null || localId.isBlank()) {
            throw new IllegalArgumentException("A pairwise subject needs a sector and a local id.");
        }
        Mac mac = macs.get();
        mac.update(sector.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        // doFinal resets the Mac for the thread's next use
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(localId.getBytes(StandardCharsets.UTF_8)));
    }
}
