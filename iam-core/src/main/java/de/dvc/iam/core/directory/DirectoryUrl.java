package de.dvc.iam.core.directory;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a directory listens: {@code ldaps://dc1.musterhausen.example:636} or {@code ldap://host:389} (then with
 * StartTLS). Only scheme, host and port: an LDAP URL's DN, attributes and filter (RFC 4516) are separate settings.
 *
 * @param host      the host name (or IP literal without brackets) as the directory's certificate names it
 * @param port      1..65535
 * @param encrypted whether the scheme is {@code ldaps}
 */
public record DirectoryUrl(String host, int port, boolean encrypted) {

    public DirectoryUrl {
        Objects.requireNonNull(host, "host");
    }

    /**
     * @throws IllegalArgumentException saying what is wrong and what a valid URL looks like
     */
    public static DirectoryUrl parse(String text) {
        String example = " Give the URL as ldaps://dc1.agency.example:636 (or ldap://dc1.agency.example:389 with StartTLS).";
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("The directory URL is missing." + example);
        }
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + text.strip() + "' is not a URL." + example);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ldaps") && !scheme.equals("ldap")) {
            throw new IllegalArgumentException("The URL scheme must be ldaps or ldap, not '" + scheme + "'." + example);
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("The URL names no host (or has a user name in it)." + example);
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (!path.isEmpty() && !path.equals("/") || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("The URL must have no DN, attributes or filter: the base DN and user filter are"
                    + " separate settings." + example);
        }
        boolean encrypted = scheme.equals("ldaps");
        int port = uri.getPort() < 0 ? (encrypted ? 636 : 389) : uri.getPort();
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new DirectoryUrl(host.toLowerCase(Locale.ROOT), port, encrypted);
    }

    @Override
    public String toString() {
        return (encrypted ? "ldaps://" : "ldap://") + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
