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
 * benchmarking ranges, IPv6 unique-local (fc00::/7, incl. fd00:ec2::254) and discard-only (100::/64,
 * RFC 6666).
 *
 * <p>IPv6 forms that carry an IPv4 address must not be a way around the IPv4 rules. IPv4-mapped
 * addresses (::ffff:127.0.0.1) reach us as IPv4 (the JDK converts them). 6to4 (2002::/16, RFC 3056)
 * is judged by the IPv4 address in its bytes 2..5. Refused whatever they carry: NAT64, both the
 * well-known prefix 64:ff9b::/96 (RFC 6052) and the local-use 64:ff9b:1::/48 (RFC 8215), since the
 * translator is inside some operator's network; the deprecated IPv4-compatible form ::/96 (RFC 4291
 * section 2.5.5.1, e.g. ::127.0.0.1), which no public endpoint uses; and Teredo 2001::/32 (RFC 4380),
 * whose client address is obfuscated and whose relay is not ours to judge.
 *
 * <p>An explicit allow-list (demo, tests) admits named exceptions; it is matched against the
 * address exactly as resolved, so {@code 127.0.0.1/32} does not admit ::127.0.0.1.
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
            Cidr.parse("ff00::/8"), Cidr.parse("2001:db8::/32"), Cidr.parse("3fff::/20"), Cidr.parse("2001:2::/48"),
            Cidr.parse("100::/64"), Cidr.parse("::/96"), Cidr.parse("64:ff9b:1::/48"), Cidr.parse("2001::/32"));

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

    /** The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d), NAT64 (64:ff9b::a.b.c.d) or 6to4 (2002:AABB:CCDD::) address. */
    private static Optional<InetAddress> embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return Optional.empty();
        }
        byte[] b = address.getAddress();
        boolean mapped = isZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                && isZero(b, 4, 12);
        boolean sixToFour = (b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02;
        int from = sixToFour ? 2 : 12;
        if (!mapped && !nat64 && !sixToFour) {
            return Optional.empty();
        }
        try {
            return Optional.of(Inet4Address.getByAddress(new byte[] {b[from], b[from + 1], b[from + 2], b[from + 3]}));
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
