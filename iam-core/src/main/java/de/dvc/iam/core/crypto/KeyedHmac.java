package de.dvc.iam.core.crypto;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;

/**
 * HMAC-SHA256 under one key, with a keyed {@link Mac} per thread: Mac is not thread-safe, and looking one up per call
 * (provider lookup, key schedule) costs more than the HMAC of a short value.
 *
 * <p>Thread-safe.
 */
public final class KeyedHmac {

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    public KeyedHmac(byte[] key) {
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

    /** This thread's Mac, reset; {@code doFinal} resets it again for the next use. */
    public Mac mac() {
        return macs.get();
    }
}
