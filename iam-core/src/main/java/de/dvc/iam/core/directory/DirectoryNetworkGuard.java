package de.dvc.iam.core.directory;

import de.dvc.iam.core.outbound.Cidr;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Which networks DVC may open LDAP connections to: the operator's allow-list, nothing else. Agency directories sit
 * on private administration networks (an agency's own RFC 1918 range, the Verbindungsnetz / NdB-VN), so the rule
 * of the HTTPS guard ({@code outbound.AddressGuard}: public addresses only) is the wrong one here; instead the
 * operator names the networks through which directories are reached, and everything else is refused. This guard is
 * configured separately from the HTTPS guard, so allowing an administration network for LDAP never opens it to
 * metadata or JWKS fetches.
 *
 * <p>Addresses that are never a directory — loopback, link-local (incl. the cloud metadata service
 * 169.254.169.254), unspecified, multicast, reserved, and IPv6 forms that carry or translate an IPv4 address
 * (IPv4-compatible ::/96, NAT64 64:ff9b::/96 and 64:ff9b:1::/48, 6to4 2002::/16, Teredo 2001::/32) — are admitted
 * only by an entry at least as narrow as the special range itself: {@code 127.0.0.1/32} admits the loopback
 * address for tests, {@code 0.0.0.0/0} does not.
 *
 * <p>Checked on the address a connection is actually opened to ({@link GuardedSocketFactory}), after name
 * resolution, so a DNS answer cannot steer a connection elsewhere between check and connect.
 *
 * <p>Immutable and thread-safe.
 */
public final class DirectoryNetworkGuard {

    private static final List<Cidr> SPECIAL = List.of(
            Cidr.parse("0.0.0.0/8"), Cidr.parse("127.0.0.0/8"), Cidr.parse("169.254.0.0/16"), Cidr.parse("224.0.0.0/4"),
            Cidr.parse("240.0.0.0/4"), Cidr.parse("::/128"), Cidr.parse("::1/128"), Cidr.parse("fe80::/10"),
            Cidr.parse("ff00::/8"), Cidr.parse("::/96"), Cidr.parse("64:ff9b::/96"), Cidr.parse("64:ff9b:1::/48"),
            Cidr.parse("2002::/16"), Cidr.parse("2001::/32"));

    private final List<AllowedNetwork> allowed;

    public DirectoryNetworkGuard(List<AllowedNetwork> allowed) {
        this.allowed = List.copyOf(allowed);
    }

    /**
     * @param entries the operator's allow-list as text ({@link AllowedNetwork#parse(String)})
     * @throws IllegalArgumentException naming the first entry that does not parse
     */
    public static DirectoryNetworkGuard allowing(List<String> entries) {
        return new DirectoryNetworkGuard(entries.stream().map(AllowedNetwork::parse).toList());
    }

    /** Refuses every connection: the state before the operator allowed any network. */
    public static DirectoryNetworkGuard none() {
        return new DirectoryNetworkGuard(List.of());
    }

    public List<AllowedNetwork> allowed() {
        return allowed;
    }

    /** Why {@code address:port} may not be reached, or empty if it may. The reason names no secret and is fit for logs. */
    public Optional<String> refusal(InetAddress address, int port) {
        Optional<Cidr> special = SPECIAL.stream().filter(range -> range.contains(address)).findFirst();
        for (AllowedNetwork entry : allowed) {
            if (entry.admits(address, port) && special.map(range -> entry.range().prefix() >= range.prefix()).orElse(true)) {
                return Optional.empty();
            }
        }
        String where = address.getHostAddress() + " port " + port;
        return Optional.of(special.isPresent()
                ? where + " is a special-purpose address (" + special.get() + "), reachable only if the operator lists it explicitly"
                : where + " is not on the operator's LDAP allow-list");
    }
}
