package de.dvc.iam.it;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * An agency's web server for the tests: HTTPS on 127.0.0.2 with a key pair made by the JDK's keytool
 * for this run, serving what the test puts at a path (metadata, domain proof files), or an error
 * status, and passing paths given to {@link #proxy} on to a plain-HTTP server (an agency OIDC provider
 * behind its TLS front end). The certificate names 127.0.0.2 and {@link #DOMAIN}, which the tests' DNS
 * server resolves to 127.0.0.2. DVC IAM trusts the certificate through the registration resource's
 * {@code outbound-trust-store} option and the server's {@code truststore-paths}, and may reach 127.0.0.2
 * through {@code outbound-allow} — 127.0.0.1 stays refused.
 */
final class TestHttpsServer implements AutoCloseable {

    static final String ADDRESS = "127.0.0.2";
    static final String PASSWORD = "changeit";
    /** An agency's domain whose web server this is (tests publish its A record). */
    static final String DOMAIN = "ordnungsamt.example";

    private final Map<String, byte[]> content = new ConcurrentHashMap<>();
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private final Map<String, URI> proxies = new ConcurrentHashMap<>();
    private final HttpClient upstream = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    TestHttpsServer(Path dir) throws IOException {
        try {
            start(dir);
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("Cannot start the test HTTPS server: " + e.getMessage(), e);
        }
    }

    private HttpsServer server;
    private Path keystore;
    private Path certificate;

    private void start(Path dir) throws Exception {
        keystore = dir.resolve("agency-web.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "web", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + ADDRESS,
                "-ext", "SAN=ip:" + ADDRESS + ",dns:" + DOMAIN, "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD).redirectErrorStream(true).start();
        keytool.getInputStream().readAllBytes();
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IllegalStateException("keytool failed");
        }
        certificate = dir.resolve("agency-web.pem");
        Process export = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-exportcert", "-rfc", "-alias", "web", "-keystore", keystore.toString(), "-storepass", PASSWORD,
                "-file", certificate.toString()).redirectErrorStream(true).start();
        export.getInputStream().readAllBytes();
        if (!export.waitFor(60, TimeUnit.SECONDS) || export.exitValue() != 0) {
            throw new IllegalStateException("keytool -exportcert failed");
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName(ADDRESS), 0), 16);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            java.util.Optional<Map.Entry<String, URI>> proxy = proxies.entrySet().stream()
                    .filter(p -> path.startsWith(p.getKey())).findFirst();
            if (proxy.isPresent()) {
                forward(exchange, proxy.get().getValue());
                return;
            }
            Integer failure = failures.get(path);
            byte[] body = content.get(path);
            if (failure != null || body == null) {
                exchange.sendResponseHeaders(failure == null ? 404 : failure, -1);
                exchange.close();
                return;
            }
            exchange.getResponseHeaders().add("Content-Type", path.endsWith(".txt") ? "text/plain"
                    : path.endsWith(".xml") ? "application/samlmetadata+xml" : "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    private static final java.util.Set<String> HOP_HEADERS = java.util.Set.of("host", "connection", "content-length",
            "transfer-encoding", "expect", "upgrade", "keep-alive", "te", "trailer", "proxy-connection");

    /** Passes the request on to {@code target} (same path and query) and its answer back, redirects included. */
    private void forward(com.sun.net.httpserver.HttpExchange exchange, URI target) throws IOException {
        try (exchange) {
            URI uri = target.resolve(exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
            byte[] body = exchange.getRequestBody().readAllBytes();
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                    values.forEach(value -> request.header(name, value));
                }
            });
            HttpResponse<byte[]> answer = upstream.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            answer.headers().map().forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT)) && !name.startsWith(":")) {
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

    /** Serves every path under {@code pathPrefix} from {@code target} (scheme, host and port only). */
    void proxy(String pathPrefix, URI target) {
        proxies.put(pathPrefix, target);
    }

    /** The server's certificate as PEM (for Keycloak's {@code truststore-paths}). */
    Path certificate() {
        return certificate;
    }

    /** A client TLS context that trusts this server (and nothing else). */
    javax.net.ssl.SSLContext clientContext() throws IOException {
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD.toCharArray());
            javax.net.ssl.TrustManagerFactory trust = javax.net.ssl.TrustManagerFactory.getInstance(
                    javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("Cannot build a TLS context for the test HTTPS server: " + e.getMessage(), e);
        }
    }

    /** The port it listens on (127.0.0.2). */
    int port() {
        return server.getAddress().getPort();
    }

    /** The PKCS12 store with the server's certificate (the trust store DVC IAM is given). */
    Path trustStore() {
        return keystore;
    }

    String url(String path) {
        return "https://" + ADDRESS + ":" + server.getAddress().getPort() + path;
    }

    void serve(String path, byte[] body) {
        failures.remove(path);
        content.put(path, body);
    }

    void fail(String path, int status) {
        failures.put(path, status);
    }

    @Override
    public void close() throws IOException {
        server.stop(0);
    }
}
