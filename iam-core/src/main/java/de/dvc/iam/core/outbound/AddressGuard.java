package de.dvc.iam.core.outbound;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Which network addresses outbound requests to agency endpoints may reach: public unicast only.
 * Refused: loopback, "this network", private (RFC 1918), carrier-grade NAT (RFC 6598), link-local
 * (including the cloud metadata service 169.254.169.254), multicast, broadcast, documentation and
 * benchmarking ranges, IPv6 unique-local (fc00::/7, incl. fd00:ec2::254) and the NAT64 form of the
 * IPv4 ranges (IPv4-mapped IPv6 addresses such as ::ffff:127.0.0.1 reach us as IPv4: the JDK converts them). An explicit allow-list (demo, tests) admits named exceptions.
 *
 * <p>Immutable and thread-safe.
 */
public final class AddressGuard {

    private static final List<Cidr> FORBIDDEN = List.of(
            Cidr.parse("0.0.0.0/8"), Cidr.parse("10.0.0.0/8"), Cidr.parse("100.64.0.0/10"), Cidr.parse("127.0.0.0/8"),
            Cidr.parse("169.254.0.0/16"), Cidr.parse("172.16.0.0/12"), Cidr.parse("192.0.0.0/24"),
            Cidr.parse("192.0.2.0/24"), Cidr.parse("192.168.0.0/16"), Cidr.parse("198.18.0.0/15"),
            Cidr.parse("198.51.100.0/24"), Cidr.parse("203.0.113.0/24"), Cidr.parse("224.0.0.0/4"),
            Cidr.parse("240.0.0.0/4"),
            Cidr.parse("::/128"), Cidr.parse("::1/128"), Cidr.parse("fc00::/7"), Cidr.parse("fe80::/10"),
            Cidr.parse("ff00::/8"), Cidr.parse("2001:db8::/32"), Cidr.parse("64:ff9b::/96"));

    private final List<Cidr> allowed;

    /** @param allowed exceptions, e.g. {@code 127.0.0.1/32} for tests; empty in production */
    public AddressGuard(List<Cidr> allowed) {
        this.allowed = List.copyOf(allowed);
    }

    public static AddressGuard strict() {
        return new AddressGuard(List.of());
    }

    /** Why {@code address} may not be reached, or empty if it may. */
    public Optional<String> refusal(InetAddress address) {
        if (allowed.stream().anyMatch(c -> c.contains(address))) {
            return Optional.empty();
        }
        InetAddress plain = embeddedIpv4(address).orElse(address);
        if (plain.isLoopbackAddress()) {
            return Optional.of("a loopback address");
        }
        if (plain.isLinkLocalAddress()) {
            return Optional.of("a link-local address (e.g. a cloud metadata service)");
        }
        if (plain.isSiteLocalAddress()) {
            return Optional.of("a private network address");
        }
        for (Cidr range : FORBIDDEN) {
            if (range.contains(plain) || range.contains(address)) {
                return Optional.of("a non-public address (" + range + ")");
            }
        }
        return Optional.empty();
    }

    /** The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d) or NAT64 (64:ff9b::a.b.c.d) IPv6 address. */
    private static Optional<InetAddress> embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return Optional.empty();
        }
        byte[] b = address.getAddress();
        boolean mapped = isZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                && isZero(b, 4, 12);
        if (!mapped && !nat64) {
            return Optional.empty();
        }
        try {
            return Optional.of(Inet4Address.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
        } catch (java.net.UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static boolean isZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
