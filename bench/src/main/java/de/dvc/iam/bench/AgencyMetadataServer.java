package de.dvc.iam.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The agencies' web server of the registration benchmark: HTTPS on 127.0.0.1 with a self-signed certificate for that
 * address, serving the SAML metadata ({@code /saml/<i>.xml}) and OIDC discovery documents and key sets
 * ({@code /oidc/<i>/...}) of {@link AgencyDocuments}. How each agency behaves is {@link AgencyDocuments#behaviour}:
 * the same bytes at every fetch, new bytes each round ({@link #nextRound}), an answer after one second, or HTTP 500.
 * The DVC server trusts the certificate through the trust store this writes ({@link #trustStore}).
 */
final class AgencyMetadataServer implements AutoCloseable {

    static final String TRUST_STORE_PASSWORD = "registration-bench";
    private static final Duration SLOW = Duration.ofSeconds(1);

    private final AgencyDocuments documents;
    private final HttpsServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(48);
    private final Path trustStore;
    private final AtomicInteger round = new AtomicInteger();
    private final Map<AgencyDocuments.Behaviour, AtomicLong> fetches = new EnumMap<>(AgencyDocuments.Behaviour.class);

    /** Starts on a free port of 127.0.0.1; the trust store with its certificate is written to {@code stateDir}. */
    AgencyMetadataServer(Path stateDir, AgencyDocuments.Factory documentsOfPort) throws Exception {
        KeyPair keys = SelfSignedCertificates.ecKeyPair();
        X509Certificate certificate = SelfSignedCertificates.selfSigned(keys, "CN=127.0.0.1", Duration.ofDays(30), true);
        KeyStore identity = KeyStore.getInstance("PKCS12");
        identity.load(null, null);
        identity.setKeyEntry("tls", keys.getPrivate(), TRUST_STORE_PASSWORD.toCharArray(), new Certificate[] {certificate});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(identity, TRUST_STORE_PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), null, null);
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("agency-web", certificate);
        Files.createDirectories(stateDir);
        trustStore = stateDir.resolve("agency-web-trust.p12");
        try (OutputStream out = Files.newOutputStream(trustStore)) {
            trusted.store(out, TRUST_STORE_PASSWORD.toCharArray());
        }
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 256);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        documents = documentsOfPort.of(server.getAddress().getPort());
        for (AgencyDocuments.Behaviour behaviour : AgencyDocuments.Behaviour.values()) {
            fetches.put(behaviour, new AtomicLong());
        }
    }

    AgencyDocuments documents() {
        return documents;
    }

    Path trustStore() {
        return trustStore;
    }

    /** From now on, agencies whose documents change serve those of the next round. */
    void nextRound() {
        round.incrementAndGet();
    }

    /** Fetches answered so far, by behaviour. */
    Map<AgencyDocuments.Behaviour, Long> fetches() {
        Map<AgencyDocuments.Behaviour, Long> counts = new EnumMap<>(AgencyDocuments.Behaviour.class);
        fetches.forEach((behaviour, count) -> counts.put(behaviour, count.get()));
        return counts;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            AgencyDocuments.Document document = documents.at(exchange.getRequestURI().getPath(), round.get());
            if (document == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            fetches.get(document.behaviour()).incrementAndGet();
            switch (document.behaviour()) {
                case FAILING -> {
                    exchange.sendResponseHeaders(500, -1);
                    return;
                }
                case SLOW -> pause();
                default -> { }
            }
            byte[] body = document.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", document.contentType());
            exchange.getResponseHeaders().add("Connection", "close");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(SLOW.toMillis()); // a slow agency server: the answer comes after a second
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
