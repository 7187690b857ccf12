package de.dvc.iam.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The agencies' web server in the demo and the tests: HTTPS on {@value #ADDRESS} with a key pair
 * made by the JDK's keytool (kept in the state directory), whose certificate names {@value #ADDRESS}
 * and the agencies' domains (which {@link AgencyDns} resolves to {@value #ADDRESS}). It serves
 * <ul>
 *   <li>what a test puts at a path ({@link #serve}: metadata, discovery documents), or an error status;</li>
 *   <li>files under a document root (demo: the agency admin's domain proof files);</li>
 *   <li>paths given to {@link #proxy}, passed on to a plain-HTTP server — an agency OIDC provider
 *       (a Keycloak realm with this server as its frontend URL) behind its TLS front end.</li>
 * </ul>
 * DVC IAM trusts the certificate through the registration resource's {@code outbound-trust-store} and
 * the server's {@code truststore-paths}, and may reach {@value #ADDRESS} through {@code outbound-allow}
 * (127.0.0.1 stays refused). Demo and tests only.
 */
public final class AgencyWebServer implements AutoCloseable {

    public static final String ADDRESS = "127.0.0.2";
    /** Password of the PKCS12 key store (demo and tests only). */
    public static final String PASSWORD = "changeit";

    private static final Set<String> HOP_HEADERS = Set.of("host", "connection", "content-length", "transfer-encoding",
            "expect", "upgrade", "keep-alive", "te", "trailer", "proxy-connection");

    private final Map<String, byte[]> content = new ConcurrentHashMap<>();
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private final Map<String, URI> proxies = new ConcurrentHashMap<>();
    private final HttpClient upstream = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Path keystore;
    private final Path certificate;
    private final Path documentRoot;
    private final HttpsServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);

    /**
     * @param stateDir     where the key store and certificate live (reused if present)
     * @param port         TCP port on {@value #ADDRESS}, 0 for a free one
     * @param domains      host names the certificate names besides {@value #ADDRESS}
     * @param documentRoot files served by path, or {@code null}
     */
    public AgencyWebServer(Path stateDir, int port, List<String> domains, Path documentRoot) throws IOException {
        this.documentRoot = documentRoot == null ? null : documentRoot.toAbsolutePath().normalize();
        this.keystore = stateDir.resolve("agency-web.p12");
        this.certificate = stateDir.resolve("agency-web.pem");
        try {
            if (!Files.isRegularFile(keystore) || !Files.isRegularFile(certificate)) {
                Files.deleteIfExists(keystore);
                StringBuilder san = new StringBuilder("SAN=ip:" + ADDRESS);
                domains.forEach(domain -> san.append(",dns:").append(domain));
                Keytool.run("-genkeypair", "-alias", "web", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + ADDRESS,
                        "-ext", san.toString(), "-validity", "365", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                        "-storepass", PASSWORD, "-keypass", PASSWORD);
                Keytool.run("-exportcert", "-rfc", "-alias", "web", "-keystore", keystore.toString(), "-storepass", PASSWORD,
                        "-file", certificate.toString());
            }
            KeyStore store = load();
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, PASSWORD.toCharArray());
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(keys.getKeyManagers(), null, null);
            server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName(ADDRESS), port), 32);
            server.setHttpsConfigurator(new HttpsConfigurator(tls));
        } catch (GeneralSecurityException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("Cannot start the agency web server on " + ADDRESS + ": " + e.getMessage(), e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** A TLS server context with this server's key pair: an agency directory on the same host serves LDAPS with it. */
    public SSLContext serverContext() throws IOException {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(load(), PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("Cannot use the agency web server's key pair: " + e.getMessage(), e);
        }
    }

    private KeyStore load() throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Optional<Map.Entry<String, URI>> proxy = proxies.entrySet().stream().filter(p -> path.startsWith(p.getKey())).findFirst();
        if (proxy.isPresent()) {
            forward(exchange, proxy.get().getValue());
            return;
        }
        try (exchange) {
            Integer failure = failures.get(path);
            byte[] body = failure == null ? content.get(path) : null;
            if (body == null && failure == null) {
                body = file(path);
            }
            if (body == null) {
                exchange.sendResponseHeaders(failure == null ? 404 : failure, -1);
                return;
            }
            exchange.getResponseHeaders().add("Content-Type", path.endsWith(".txt") ? "text/plain; charset=utf-8"
                    : path.endsWith(".xml") ? "application/samlmetadata+xml" : "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** A file under the document root, never outside it. */
    private byte[] file(String path) throws IOException {
        if (documentRoot == null) {
            return null;
        }
        Path file = documentRoot.resolve(path.replaceFirst("^/+", "")).normalize();
        return file.startsWith(documentRoot) && Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
    }

    /** Passes the request on to {@code target} (same path and query) and its answer back, redirects included. */
    private void forward(HttpExchange exchange, URI target) throws IOException {
        try (exchange) {
            URI requested = exchange.getRequestURI();
            URI uri = target.resolve(requested.getRawPath() + (requested.getRawQuery() == null ? "" : "?" + requested.getRawQuery()));
            byte[] body = exchange.getRequestBody().readAllBytes();
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(value -> request.header(name, value));
                }
            });
            HttpResponse<byte[]> answer = upstream.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            answer.headers().map().forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    values.forEach(value -> exchange.getResponseHeaders().add(name, value));
                }
            });
            exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
            if (answer.body().length > 0) {
                exchange.getResponseBody().write(answer.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /**
     * The DVC IAM server options that let it reach this web server and {@code dns} (demo and tests only,
     * never production): names resolved by {@code dns}, {@value #ADDRESS} allowed and its certificate trusted
     * (registration fetches and Keycloak's own calls to OIDC providers behind it), domain proof files on this port.
     */
    public List<String> serverOptions(AgencyDns dns) {
        String registrations = "--spi-realm-restapi-extension--dvc-registrations--";
        return List.of(
                registrations + "dns-server=" + dns.address(),
                registrations + "outbound-allow=" + ADDRESS + "/32",
                registrations + "outbound-trust-store=" + keystore,
                registrations + "outbound-trust-store-password=" + PASSWORD,
                registrations + "domain-proof-port=" + port(),
                "--spi-connections-http-client--dvc-guarded--dns-server=" + dns.address(),
                DvcServer.GUARD_ALLOW + ADDRESS + ":" + port(),
                // agency directories (AgencyDirectoryServer) listen on the same host, with the same certificate
                registrations + "directory-allow=" + ADDRESS + "/32",
                "--truststore-paths=" + certificate);
    }

    /** Serves every path under {@code pathPrefix} from {@code target} (scheme, host and port only). */
    public void proxy(String pathPrefix, URI target) {
        proxies.put(pathPrefix, target);
    }

    public void serve(String path, byte[] body) {
        failures.remove(path);
        content.put(path, body);
    }

    public void fail(String path, int status) {
        failures.put(path, status);
    }

    /** The server's certificate as PEM (for Keycloak's {@code truststore-paths}). */
    public Path certificate() {
        return certificate;
    }

    /** The PKCS12 store with the server's key and certificate (DVC IAM's {@code outbound-trust-store}). */
    public Path trustStore() {
        return keystore;
    }

    /** A client TLS context that trusts this server (and nothing else). */
    public SSLContext clientContext() throws IOException {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(load());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("Cannot build a TLS context for the agency web server: " + e.getMessage(), e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url(String path) {
        return "https://" + ADDRESS + ":" + port() + path;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
