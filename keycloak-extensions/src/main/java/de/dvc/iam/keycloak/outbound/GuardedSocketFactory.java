package de.dvc.iam.keycloak.outbound;

import org.apache.http.HttpHost;
import org.apache.http.conn.socket.ConnectionSocketFactory;
import org.apache.http.conn.socket.LayeredConnectionSocketFactory;
import org.apache.http.conn.socket.PlainConnectionSocketFactory;
import org.apache.http.protocol.HttpContext;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Checks the address and port of every connection just before the socket connects: the final address,
 * whatever produced it (a DNS answer, an IP literal, a redirect, a route with a preset address). Because the
 * check is on the address actually connected to, a DNS answer that changes between check and use (DNS
 * rebinding) gains nothing. A refusal is an {@link UnknownHostException}, which HttpClient neither retries nor
 * answers by trying the host's next address.
 *
 * <p>Thread-safe.
 */
class GuardedSocketFactory implements ConnectionSocketFactory {

    private final ConnectionSocketFactory delegate;
    private final ConnectionGuard guard;

    private GuardedSocketFactory(ConnectionSocketFactory delegate, ConnectionGuard guard) {
        this.delegate = delegate;
        this.guard = guard;
    }

    /** For {@code http}: plain sockets. */
    static ConnectionSocketFactory plain(ConnectionGuard guard) {
        return new GuardedSocketFactory(PlainConnectionSocketFactory.getSocketFactory(), guard);
    }

    /** For {@code https}: {@code tls} connects and then layers TLS, as without the guard. */
    static LayeredConnectionSocketFactory tls(LayeredConnectionSocketFactory tls, ConnectionGuard guard) {
        return new Layered(tls, guard);
    }

    @Override
    public Socket createSocket(HttpContext context) throws IOException {
        return delegate.createSocket(context); // not yet connected
    }

    @Override
    public Socket connectSocket(int connectTimeout, Socket socket, HttpHost host, InetSocketAddress remoteAddress,
            InetSocketAddress localAddress, HttpContext context) throws IOException {
        Optional<String> refusal = guard.refusal(remoteAddress.getAddress(), remoteAddress.getPort());
        if (refusal.isPresent()) {
            if (socket != null) {
                socket.close();
            }
            String name = host == null ? remoteAddress.getHostString() : host.getHostName();
            throw new UnknownHostException(remoteAddress.getAddress() == null
                    ? "refused by DVC outbound guard: " + remoteAddress.getHostString() + " is " + refusal.get()
                    : ConnectionGuard.refusedMessage(name, remoteAddress.getAddress(), remoteAddress.getPort(), refusal.get()));
        }
        return delegate.connectSocket(connectTimeout, socket, host, remoteAddress, localAddress, context);
    }

    private static final class Layered extends GuardedSocketFactory implements LayeredConnectionSocketFactory {

        private final LayeredConnectionSocketFactory tls;

        Layered(LayeredConnectionSocketFactory tls, ConnectionGuard guard) {
            super(tls, guard);
            this.tls = tls;
        }

        /** TLS over a socket this factory (or the plain one, for a proxy tunnel) connected after its check. */
        @Override
        public Socket createLayeredSocket(Socket socket, String target, int port, HttpContext context) throws IOException {
            return tls.createLayeredSocket(socket, target, port, context);
        }
    }
}
