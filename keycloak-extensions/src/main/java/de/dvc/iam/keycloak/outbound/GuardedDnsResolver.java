package de.dvc.iam.keycloak.outbound;

import de.dvc.iam.core.outbound.GuardedHttpClient;
import org.apache.http.conn.DnsResolver;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Resolves the host of each new connection and refuses it when <em>any</em> answer is refused, so a DNS answer
 * that mixes a public address with an internal one cannot steer a retry onto the internal one. HttpClient 4.5
 * hands IP literals (also bracketed IPv6 ones) to this resolver as well; the port is checked later, by
 * {@link GuardedSocketFactory}, at the moment of connecting.
 *
 * <p>Thread-safe.
 */
final class GuardedDnsResolver implements DnsResolver {

    private final ConnectionGuard guard;
    private final GuardedHttpClient.Resolver resolver;

    GuardedDnsResolver(ConnectionGuard guard, GuardedHttpClient.Resolver resolver) {
        this.guard = guard;
        this.resolver = resolver;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        List<InetAddress> addresses = resolver.resolve(name);
        if (addresses.isEmpty()) {
            throw new UnknownHostException(name);
        }
        for (InetAddress address : addresses) {
            Optional<String> refusal = guard.refusalOnAnyPort(address);
            if (refusal.isPresent()) {
                throw new UnknownHostException(ConnectionGuard.refusedMessage(host, address, -1, refusal.get()));
            }
        }
        return addresses.toArray(new InetAddress[0]);
    }
}
