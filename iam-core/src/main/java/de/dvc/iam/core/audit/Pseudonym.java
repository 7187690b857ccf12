package de.dvc.iam.core.audit;

import de.dvc.iam.core.crypto.KeyedHmac;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Pseudonymises user ids for the audit log (DSGVO Art. 4 Nr. 5): HMAC-SHA256 under a key the
 * federation operator holds, shortened to 128 bits. The same user gets the same pseudonym in every
 * line, so an incident can be followed; only someone with the key and the user id can link it.
 *
 * <p>Immutable and thread-safe.
 */
public final class Pseudonym {

    private final KeyedHmac hmac;

    public Pseudonym(byte[] key) {
        if (key == null || key.length < 32) {
            throw new IllegalArgumentException("The audit pseudonym key must be at least 32 bytes.");
        }
        this.hmac = new KeyedHmac(key);
    }


    public String of(String userId) {
        // doFinal resets the Mac for the thread's next use
        byte[] digest = hmac.mac().doFinal(userId.getBytes(StandardCharsets.UTF_8));
        return "p-" + HexFormat.of().formatHex(digest, 0, 16);
    }
}
