package de.dvc.iam.core.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 as lower-case hex: what DVC stores or keys instead of a secret or a person's name, or compares instead of a document. */
public final class Sha256 {

    private Sha256() {
    }

    public static String hex(String text) {
        return HexFormat.of().formatHex(digest().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The hash of one or more documents taken together (a refresh's SAML metadata, or OIDC discovery and JWKS), each
     * preceded by its length as four bytes (big-endian), so that moving bytes from one document to the next changes it.
     * The registrations' stored document hashes are this value: its framing must not change.
     */
    public static String ofDocuments(byte[]... documents) {
        MessageDigest digest = digest();
        for (byte[] document : documents) {
            digest.update(ByteBuffer.allocate(4).putInt(document.length).array());
            digest.update(document);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
