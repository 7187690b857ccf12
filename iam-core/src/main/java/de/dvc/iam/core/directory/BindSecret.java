package de.dvc.iam.core.directory;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The password of the service account DVC binds as to search a directory. Kept as characters so that it can be
 * taken out of a vault without becoming an interned string; {@link #toString()} never shows it, so it cannot leak
 * into a log line or an exception message by accident (BSI IT-Grundschutz CON.8, OPS.1.1.5 on secrets in logs).
 *
 * <p>Immutable (every accessor returns a copy) and thread-safe. Equality is identity: two secrets are never
 * compared by value outside the directory.
 */
public final class BindSecret {

    private final char[] value;

    private BindSecret(char[] value) {
        this.value = value.clone();
    }

    /** @param value the secret; copied, the caller may wipe its array afterwards */
    public static BindSecret of(char[] value) {
        return new BindSecret(value == null ? new char[0] : value);
    }

    public static BindSecret of(String value) {
        return of(value == null ? null : value.toCharArray());
    }

    public boolean isEmpty() {
        return value.length == 0;
    }

    /** A copy of the secret; wipe it after use. */
    public char[] chars() {
        return value.clone();
    }

    /** The secret as UTF-8 (LDAP simple bind, RFC 4513 section 5.1.1); wipe it after use. */
    byte[] utf8() {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(value));
        byte[] bytes = Arrays.copyOfRange(encoded.array(), encoded.position(), encoded.limit());
        Arrays.fill(encoded.array(), (byte) 0);
        return bytes;
    }

    @Override
    public String toString() {
        return "BindSecret[hidden]";
    }
}
