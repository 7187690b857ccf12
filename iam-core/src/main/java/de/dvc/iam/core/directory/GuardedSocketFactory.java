package de.dvc.iam.core.directory;

import javax.net.SocketFactory;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.util.Optional;

/**
 * Opens the TCP (and, for {@code ldaps://}, TLS) connection to one directory: checks the resolved address against
 * the {@link DirectoryNetworkGuard} and connects to exactly that address, so there is no second name resolution
 * between check and connect (DNS rebinding). TLS names the directory's configured host (SNI, and host name
 * verification per RFC 6125 with the JDK's LDAPS rules), not the address, and its handshake is bounded by the
 * connect timeout: a server that accepts and never answers cannot hold the connecting thread.
 *
 * <p>Unconnected sockets are not offered ({@link SocketFactory#createSocket()} throws), so UnboundID always calls
 * {@link #createSocket(InetAddress, int)} with the address it resolved. Thread-safe.
 */
final class GuardedSocketFactory extends SocketFactory {

    private final DirectoryNetworkGuard guard;
    private final String host;
    private final int timeoutMillis;
    private final SSLSocketFactory tls;

    /** @param tls the directory's TLS context for {@code ldaps://}; null for StartTLS and plain LDAP */
    GuardedSocketFactory(DirectoryNetworkGuard guard, String host, int timeoutMillis, SSLSocketFactory tls) {
        this.guard = guard;
        this.host = host;
        this.timeoutMillis = timeoutMillis;
        this.tls = tls;
    }

    @Override
    public Socket createSocket(InetAddress address, int port) throws IOException {
        Optional<String> refusal = guard.refusal(address, port);
        if (refusal.isPresent()) {
            throw new GuardRefusal(refusal.get());
        }
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(address, port), timeoutMillis);
            if (tls == null) {
                return socket;
            }
            SSLSocket secured = (SSLSocket) tls.createSocket(socket, host, port, true);
            SSLParameters parameters = secured.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("LDAPS");
            secured.setSSLParameters(parameters);
            secured.setSoTimeout(timeoutMillis);
            secured.startHandshake();
            secured.setSoTimeout(0);
            return secured;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    @Override
    public Socket createSocket(String name, int port) throws IOException {
        IOException last = new SocketException("No address for " + name);
        for (InetAddress address : InetAddress.getAllByName(name)) {
            try {
                return createSocket(address, port);
            } catch (IOException e) {
                last = e;
            }
        }
        throw last;
    }

    @Override
    public Socket createSocket(String name, int port, InetAddress localAddress, int localPort) throws IOException {
        return createSocket(name, port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return createSocket(address, port);
    }

    /** The guard refused the address; found again in the cause chain of the LDAP SDK's connect error. */
    static final class GuardRefusal extends SocketException {
        GuardRefusal(String reason) {
            super(reason);
        }
    }
}
