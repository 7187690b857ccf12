package de.dvc.iam.core.audit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * Pseudonymises user ids for the audit log (DSGVO Art. 4 Nr. 5): HMAC-SHA256 under a key the
 * federation operator holds, shortened to 128 bits. The same user gets the same pseudonym in every
 * line, so an incident can be followed; only someone with the key and the user id can link it.
 *
 * <p>Immutable and thread-safe.
 */
public final class Pseudonym {

    private final SecretKeySpec key;
    /** A keyed Mac per thread: Mac is not thread-safe, and looking one up per event costs more than the HMAC. */
    private final ThreadLocal<Mac> macs;

    public Pseudonym(byte[] key) {
        if (key == null || key.length < 32) {
            throw new IllegalArgumentException("The audit pseudonym key must be at least 32 bytes.");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
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

    public String of(String userId) {
        // doFinal resets the Mac for the thread's next use
        byte[] digest = macs.get().doFinal(userId.getBytes(StandardCharsets.UTF_8));
        return "p-" + HexFormat.of().formatHex(digest, 0, 16);
    }
}
