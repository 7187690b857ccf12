package de.dvc.iam.core.subject;

import de.dvc.iam.core.crypto.KeyedHmac;
import javax.crypto.Mac;
import java.nio.charset.StandardCharsets;
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

    private final KeyedHmac hmac;

    /** @param secret at least 32 bytes */
    public PairwiseSubject(byte[] secret) {
        if (secret == null || secret.length < 32) {
            throw new IllegalArgumentException("The pairwise subject secret must be at least 32 bytes.");
        }
        this.hmac = new KeyedHmac(secret);
    }


    public String of(String sector, String localId) {
        if (sector == null || sector.isBlank() || localId == null || localId.isBlank()) {
            throw new IllegalArgumentException("A pairwise subject needs a sector and a local id.");
        }
        Mac mac = hmac.mac();
        mac.update(sector.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        // doFinal resets the Mac for the thread's next use
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(localId.getBytes(StandardCharsets.UTF_8)));
    }
}
