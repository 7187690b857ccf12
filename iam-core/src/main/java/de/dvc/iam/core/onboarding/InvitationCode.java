package de.dvc.iam.core.onboarding;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The secret in an invitation link: 256 random bits, base64url without padding (43 characters). Only its SHA-256
 * hash is stored, so a copy of the database does not hold usable links; a link is looked up by that hash.
 *
 * <p>Thread-safe.
 */
public final class InvitationCode {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_-]{43}");

    private InvitationCode() {
    }

    /** A fresh code. */
    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether {@code text} has the form of a code: anything else is refused before any lookup. */
    public static boolean wellFormed(String text) {
        return text != null && FORM.matcher(text).matches();
    }

    /** The stored form of {@code code}: SHA-256, lower-case hex. */
    public static String hash(String code) {
        return de.dvc.iam.core.crypto.Sha256.hex(code); // a code is ASCII: its UTF-8 bytes are its ASCII bytes
    }
}
