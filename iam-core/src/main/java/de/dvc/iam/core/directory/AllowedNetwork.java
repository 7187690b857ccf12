package de.dvc.iam.core.directory;

import de.dvc.iam.core.outbound.Cidr;

import java.net.InetAddress;
import java.util.Objects;

/**
 * One entry of the operator's LDAP allow-list: an address range, optionally limited to one port.
 * Written {@code 10.20.0.0/16}, {@code 10.20.30.40:636}, {@code 10.20.0.0/16:636} or, for IPv6,
 * {@code [fd00:20::/48]:636}; host names are not accepted (what a name resolves to is the directory's to change).
 *
 * @param range the addresses
 * @param port  the one port allowed, or 0 for any
 */
public record AllowedNetwork(Cidr range, int port) {

    public AllowedNetwork {
        Objects.requireNonNull(range, "range");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Port " + port + " is not 1..65535.");
        }
    }

    /**
     * @throws IllegalArgumentException naming the entry and the accepted forms
     */
    public static AllowedNetwork parse(String text) {
        String value = text == null ? "" : text.strip();
        String range = value;
        int port = 0;
        try {
            if (value.startsWith("[")) {
                int close = value.indexOf(']');
                range = value.substring(1, close);
                port = close + 1 < value.length() ? Integer.parseInt(value.substring(close + 2)) : 0;
            } else if (value.indexOf(':') > 0 && value.indexOf(':') == value.lastIndexOf(':')) {
                range = value.substring(0, value.indexOf(':'));
                port = Integer.parseInt(value.substring(value.indexOf(':') + 1));
            }
            return new AllowedNetwork(Cidr.parse(range), port);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("LDAP allow-list entry '" + value + "': write 10.20.0.0/16, 10.20.0.0/16:636,"
                    + " 10.20.30.40 or [fd00:20::/48]:636 (no host names).");
        }
    }

    boolean admits(InetAddress address, int targetPort) {
        return range.contains(address) && (port == 0 || port == targetPort);
    }

    @Override
    public String toString() {
        return port == 0 ? range.toString() : (range.toString().contains(":") ? "[" + range + "]" : range.toString()) + ":" + port;
    }
}
