package de.dvc.iam.core.directory;

/** How the connection to a directory is protected. */
public enum Transport {
    /** TLS from the first byte ({@code ldaps://}, port 636 by default). */
    LDAPS,
    /** {@code ldap://} upgraded with the StartTLS extended operation before anything else is sent (RFC 4511 section 4.14, RFC 4513 section 3). */
    START_TLS,
    /** Unprotected LDAP: passwords in clear text. Only with the explicit {@code insecureForTests} setting. */
    PLAIN
}
