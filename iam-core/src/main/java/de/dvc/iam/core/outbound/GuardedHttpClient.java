package de.dvc.iam.core.outbound;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.IDN;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The one client for DVC IAM's requests to agency endpoints (SAML metadata, OIDC discovery, JWKS,
 * domain proofs). It is deliberately small and strict:
 * <ul>
 *   <li>HTTPS only, GET only, no credentials in URLs;</li>
 *   <li>every host is resolved by us and <em>every</em> address checked by {@link AddressGuard}; the
 *       connection goes to the checked address (no second lookup a rebinding DNS could answer
 *       differently), TLS with SNI and host name verification;</li>
 *   <li>redirects are followed by hand, at most {@link Limits#maxRedirects()}, each hop checked again;</li>
 *   <li>the body is capped at {@link Limits#maxBytes()}, the whole exchange at {@link Limits#total()},
 *       so a slowly trickling server cannot hold a thread;</li>
 *   <li>errors never echo the answer ({@link OutboundRefusedException}).</li>
 * </ul>
 * Why not {@code java.net.http.HttpClient}: it resolves host names itself and offers no hook to
 * check or pin the address it connects to.
 *
 * <p>Thread-safe; one instance serves all requests.
 */
public final class GuardedHttpClient {

    /** Resolves host names; tests point it at a local answer. */
    @FunctionalInterface
    public interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;

        Resolver SYSTEM = host -> Arrays.asList(InetAddress.getAllByName(host));
    }

    /**
     * @param maxBytes     largest body accepted
     * @param connect      time to connect to one address
     * @param total        time for the whole exchange, redirects included
     * @param maxRedirects redirects followed
     */
    public record Limits(int maxBytes, Duration connect, Duration total, int maxRedirects) {
        /** 5 MB (an eduGAIN-sized aggregate is not fetched through this client), 5 s, 15 s, 3. */
        public static final Limits DEFAULT = new Limits(5 * 1024 * 1024, Duration.ofSeconds(5), Duration.ofSeconds(15), 3);
    }

    /** A successful answer (HTTP 2xx). */
    public record Response(URI uri, int status, String contentType, byte[] body) {
    }

    private static final int MAX_HEADER_BYTES = 32 * 1024;

    private final AddressGuard guard;
    private final Resolver resolver;
    private final SSLSocketFactory tls;
    private final Limits limits;

    public GuardedHttpClient(AddressGuard guard, Resolver resolver, SSLSocketFactory tls, Limits limits) {
        this.guard = guard;
        this.resolver = resolver;
        this.tls = tls;
        this.limits = limits;
    }

    /** The production client: strict guard, system DNS, the JVM's trust store, default limits. */
    public static GuardedHttpClient strict() {
        return new GuardedHttpClient(AddressGuard.strict(), Resolver.SYSTEM, (SSLSocketFactory) SSLSocketFactory.getDefault(),
                Limits.DEFAULT);
    }

    /**
     * Why the server may not connect to {@code url} (not https, no host, unknown in DNS, or resolving to a
     * refused address), or empty if it may. For endpoints that Keycloak's broker calls later (OIDC token,
     * userinfo, JWKS): they are checked by resolving them at every validation, not by their prefix.
     */
    public Optional<String> refusal(String url) {
        try {
            check(URI.create(url));
            return Optional.empty();
        } catch (OutboundRefusedException e) {
            return Optional.of(e.getMessage());
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.of("It is not a valid URL.");
        }
    }

    public Response get(URI uri) throws OutboundRefusedException {
        long deadline = System.nanoTime() + limits.total().toNanos();
        URI current = uri;
        for (int hop = 0; hop <= limits.maxRedirects(); hop++) {
            Target target = check(current);
            Answer answer = exchange(target, deadline);
            if (answer.status / 100 == 3 && answer.header("location").isPresent()) {
                URI next;
                try {
                    next = current.resolve(answer.header("location").get().trim());
                } catch (IllegalArgumentException e) {
                    throw new OutboundRefusedException(describe(current) + " redirected to an invalid URL.");
                }
                current = next;
                continue;
            }
            if (answer.status / 100 != 2) {
                throw new OutboundRefusedException(describe(current) + " answered HTTP " + answer.status + ".");
            }
            return new Response(current, answer.status, answer.header("content-type").orElse(""), answer.body);
        }
        throw new OutboundRefusedException(describe(uri) + " redirected more than " + limits.maxRedirects() + " times.");
    }

    private record Target(URI uri, String host, int port, InetAddress address) {
    }

    private Target check(URI uri) throws OutboundRefusedException {
        if (uri.getScheme() == null || !uri.getScheme().equalsIgnoreCase("https")) {
            throw new OutboundRefusedException("Only https:// URLs are fetched; '" + safe(uri.getScheme()) + ":' is not allowed.");
        }
        if (uri.getRawUserInfo() != null) {
            throw new OutboundRefusedException("URLs with user names or passwords are not fetched.");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw new OutboundRefusedException("The URL names no host.");
        }
        String ascii = host.startsWith("[") ? host.substring(1, host.length() - 1) : IDN.toASCII(host);
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(ascii);
        } catch (UnknownHostException e) {
            throw new OutboundRefusedException("The host " + ascii + " is not known in DNS.");
        }
        if (addresses.isEmpty()) {
            throw new OutboundRefusedException("The host " + ascii + " is not known in DNS.");
        }
        for (InetAddress address : addresses) {
            Optional<String> refusal = guard.refusal(address);
            if (refusal.isPresent()) {
                throw new OutboundRefusedException("The host " + ascii + " resolves to " + refusal.get()
                        + "; DVC IAM fetches only from public addresses.");
            }
        }
        return new Target(uri, ascii, uri.getPort() < 0 ? 443 : uri.getPort(), addresses.get(0));
    }

    private record Answer(int status, Map<String, String> headers, byte[] body) {
        Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name));
        }
    }

    private Answer exchange(Target target, long deadline) throws OutboundRefusedException {
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(target.address(), target.port()), (int) Math.max(1, Math.min(
                    limits.connect().toMillis(), remainingMillis(deadline, target))));
            try (SSLSocket socket = (SSLSocket) tls.createSocket(plain, target.host(), target.port(), true)) {
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                if (!target.host().matches("[0-9.]+|.*:.*")) {
                    parameters.setServerNames(List.of(new SNIHostName(target.host())));
                }
                socket.setSSLParameters(parameters);
                socket.setSoTimeout((int) Math.max(1, remainingMillis(deadline, target)));
                socket.startHandshake();
                OutputStream out = socket.getOutputStream();
                String path = target.uri().getRawPath() == null || target.uri().getRawPath().isEmpty() ? "/" : target.uri().getRawPath();
                String query = target.uri().getRawQuery() == null ? "" : "?" + target.uri().getRawQuery();
                String hostHeader = target.uri().getPort() < 0 ? target.uri().getHost() : target.uri().getHost() + ":" + target.port();
                out.write(("GET " + path + query + " HTTP/1.1\r\nHost: " + hostHeader
                        + "\r\nUser-Agent: DVC-IAM\r\nAccept: */*\r\nAccept-Encoding: identity\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                return read(new DeadlineInput(socket, deadline, target), target);
            }
        } catch (SocketTimeoutException e) {
            throw new OutboundRefusedException(describe(target.uri()) + " did not answer within "
                    + limits.total().toSeconds() + " s.");
        } catch (javax.net.ssl.SSLException e) {
            throw new OutboundRefusedException(describe(target.uri()) + ": TLS failed (certificate not trusted, expired or "
                    + "not for this host).");
        } catch (IOException e) {
            throw new OutboundRefusedException(describe(target.uri()) + " could not be reached.");
        }
    }

    private Answer read(DeadlineInput in, Target target) throws IOException, OutboundRefusedException {
        String statusLine = in.line();
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new OutboundRefusedException(describe(target.uri()) + " did not answer with HTTP.");
        }
        int status;
        try {
            status = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new OutboundRefusedException(describe(target.uri()) + " did not answer with HTTP.");
        }
        Map<String, String> headers = new TreeMap<>();
        for (String line = in.line(); !line.isEmpty(); line = in.line()) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        if (status / 100 != 2) {
            return new Answer(status, headers, new byte[0]); // the body of a refusal or redirect is never read
        }
        String length = headers.get("content-length");
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                throw new OutboundRefusedException(describe(target.uri()) + " sent an invalid Content-Length.");
            }
            if (declared > limits.maxBytes()) {
                throw tooLarge(target);
            }
        }
        boolean chunked = headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT).contains("chunked");
        byte[] body = chunked ? in.chunked(limits.maxBytes()) : in.rest(limits.maxBytes());
        if (body == null) {
            throw tooLarge(target);
        }
        return new Answer(status, headers, body);
    }

    private OutboundRefusedException tooLarge(Target target) {
        return new OutboundRefusedException(describe(target.uri()) + " sent more than " + limits.maxBytes() / 1024 + " KB.");
    }

    private long remainingMillis(long deadline, Target target) throws SocketTimeoutException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new SocketTimeoutException();
        }
        return left;
    }

    private static String describe(URI uri) {
        return "https://" + safe(uri.getHost()) + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    private static String safe(String value) {
        if (value == null) {
            return "";
        }
        String cleaned = value.replaceAll("[^A-Za-z0-9.:\\[\\]_-]", "?");
        return cleaned.length() > 100 ? cleaned.substring(0, 100) + "…" : cleaned;
    }

    /**
     * Reads from the socket while the deadline lasts: before each read the socket's timeout is set to
     * the time left, after each read the deadline is checked, so a server trickling one byte a second
     * is cut off at the deadline.
     */
    private final class DeadlineInput {
        private final Socket socket;
        private final InputStream in;
        private final long deadline;
        private final Target target;

        DeadlineInput(Socket socket, long deadline, Target target) throws IOException {
            this.socket = socket;
            this.in = new java.io.BufferedInputStream(socket.getInputStream(), 8192);
            this.deadline = deadline;
            this.target = target;
        }

        private void arm() throws IOException {
            socket.setSoTimeout((int) Math.max(1, remainingMillis(deadline, target)));
        }

        private void checkDeadline() throws SocketTimeoutException {
            if (System.nanoTime() > deadline) {
                throw new SocketTimeoutException();
            }
        }

        String line() throws IOException, OutboundRefusedException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            arm();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                checkDeadline();
                if (b < 0) {
                    throw new OutboundRefusedException(describe(target.uri()) + " closed the connection early.");
                }
                if (b != '\r') {
                    line.write(b);
                }
                if (line.size() > MAX_HEADER_BYTES) {
                    throw new OutboundRefusedException(describe(target.uri()) + " sent oversized headers.");
                }
            }
            checkDeadline();
            return line.toString(StandardCharsets.ISO_8859_1);
        }

        /** Up to {@code max} bytes until EOF; null if there are more. */
        byte[] rest(int max) throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (true) {
                arm();
                int n = in.read(buffer);
                checkDeadline();
                if (n < 0) {
                    return body.toByteArray();
                }
                body.write(buffer, 0, n);
                if (body.size() > max) {
                    return null;
                }
            }
        }

        /** A chunked body (RFC 9112, 7.1) up to {@code max} bytes; null if it is larger. */
        byte[] chunked(int max) throws IOException, OutboundRefusedException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (true) {
                String sizeLine = line();
                int semicolon = sizeLine.indexOf(';');
                long size;
                try {
                    size = Long.parseLong((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
                } catch (NumberFormatException e) {
                    throw new OutboundRefusedException(describe(target.uri()) + " sent an invalid chunked body.");
                }
                if (size < 0) {
                    throw new OutboundRefusedException(describe(target.uri()) + " sent an invalid chunked body.");
                }
                if (body.size() + size > max) {
                    return null;
                }
                if (size == 0) {
                    return body.toByteArray();
                }
                long left = size;
                while (left > 0) {
                    arm();
                    int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                    checkDeadline();
                    if (n < 0) {
                        throw new OutboundRefusedException(describe(target.uri()) + " closed the connection early.");
                    }
                    body.write(buffer, 0, n);
                    left -= n;
                }
                line();
            }
        }
    }
}
