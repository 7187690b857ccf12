package de.dvc.iam.keycloak.outbound;

import de.dvc.iam.core.outbound.AddressGuard;
import de.dvc.iam.core.outbound.Cidr;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Where Keycloak's outbound HTTP may connect: public addresses ({@link AddressGuard}), plus the exceptions of
 * option {@code allow}: whole ranges ({@code 127.0.0.0/8}, {@code 127.0.0.1}, {@code ::1}) or one address on one
 * port ({@code 127.0.0.1:8080}, {@code [::1]:8080}). The port form lets the demo and tests admit exactly the
 * server's own listener (its realms play the agency IdPs) and nothing else on that host.
 *
 * <p>Immutable and thread-safe.
 */
final class ConnectionGuard {

    private static final Pattern IPV4_PORT = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,3}){3}):(\\d{1,5})");
    private static final Pattern BRACKETED = Pattern.compile("\\[([0-9a-fA-F:.]+)](?::(\\d{1,5}))?");

    private final AddressGuard ranges;
    private final List<InetSocketAddress> endpoints;
    private final String description;

    private ConnectionGuard(List<Cidr> ranges, List<InetSocketAddress> endpoints, String description) {
        this.ranges = new AddressGuard(ranges);
        this.endpoints = List.copyOf(endpoints);
        this.description = description;
    }

    static ConnectionGuard strict() {
        return parse("");
    }

    /**
     * @param allow comma-separated exceptions; empty or null for none
     * @throws IllegalArgumentException naming the entry that is neither a CIDR range nor an address:port
     */
    static ConnectionGuard parse(String allow) {
        List<Cidr> ranges = new ArrayList<>();
        List<InetSocketAddress> endpoints = new ArrayList<>();
        List<String> entries = new ArrayList<>();
        for (String raw : (allow == null ? "" : allow).split(",")) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            entries.add(entry);
            Matcher v4 = IPV4_PORT.matcher(entry);
            Matcher v6 = BRACKETED.matcher(entry);
            if (v4.matches()) {
                endpoints.add(endpoint(entry, v4.group(1), v4.group(2)));
            } else if (v6.matches() && v6.group(2) != null) {
                endpoints.add(endpoint(entry, v6.group(1), v6.group(2)));
            } else if (v6.matches()) {
                ranges.add(Cidr.parse(v6.group(1)));
            } else {
                ranges.add(Cidr.parse(entry)); // refuses host names and address:port with a prefix
            }
        }
        return new ConnectionGuard(ranges, endpoints, String.join(", ", entries));
    }

    private static InetSocketAddress endpoint(String entry, String address, String port) {
        int number = Integer.parseInt(port);
        if (number < 1 || number > 65535) {
            throw new IllegalArgumentException("'" + entry + "': the port must be 1..65535.");
        }
        Cidr single = Cidr.parse(address); // a literal, never a looked-up name
        try {
            return new InetSocketAddress(InetAddress.getByAddress(single.network()), number);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + entry + "' is not an IP address with a port.");
        }
    }

    /** Why Keycloak may not connect to {@code address} on {@code port}, or empty if it may. */
    Optional<String> refusal(InetAddress address, int port) {
        if (address == null) {
            return Optional.of("not a resolved address");
        }
        Optional<String> refusal = ranges.refusal(address);
        if (refusal.isEmpty() || endpoints.contains(new InetSocketAddress(address, port))) {
            return Optional.empty();
        }
        String ports = endpoints.stream().filter(e -> e.getAddress().equals(address)).map(e -> String.valueOf(e.getPort()))
                .collect(Collectors.joining(", "));
        return Optional.of(ports.isEmpty() ? refusal.get() : refusal.get() + ", admitted by option allow on port " + ports + " only");
    }

    /** Why no port of {@code address} may be reached; a DNS answer is checked with this before any connection. */
    Optional<String> refusalOnAnyPort(InetAddress address) {
        Optional<String> refusal = ranges.refusal(address);
        if (refusal.isEmpty() || endpoints.stream().anyMatch(e -> e.getAddress().equals(address))) {
            return Optional.empty();
        }
        return refusal;
    }

    boolean hasExceptions() {
        return !description.isEmpty();
    }

    /**
     * The message of a refusal: host, address (and port), why. The host comes from a URL an agency supplied, so
     * it is cut down to host-name characters; nothing the remote side said is ever part of it.
     */
    static String refusedMessage(String host, InetAddress address, int port, String reason) {
        String literal = address instanceof Inet6Address ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
        String target = port < 0 ? address.getHostAddress() : literal + ":" + port;
        String name = safe(host);
        String subject = name.equals(address.getHostAddress()) || name.equals(literal) ? target : name + " (" + target + ")";
        return "refused by DVC outbound guard: " + subject + " is " + reason
                + "; Keycloak connects only to public addresses (exceptions: option allow of connectionsHttpClient dvc-guarded)";
    }

    private static String safe(String value) {
        if (value == null) {
            return "";
        }
        String cleaned = value.replaceAll("[^A-Za-z0-9.:\\[\\]_-]", "?");
        return cleaned.length() > 100 ? cleaned.substring(0, 100) + "…" : cleaned;
    }

    @Override
    public String toString() {
        return description.isEmpty() ? "public addresses only" : "public addresses and " + description;
    }
}
