package de.dvc.iam.core.outbound;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The guarded client against a real local HTTPS server (JDK HttpsServer, a key pair made by the JDK's
 * keytool for this run). Loopback is reachable only through the test client's explicit allow-list.
 */
class GuardedHttpClientTest {

    private static final char[] PASSWORD = "changeit".toCharArray();
    private static HttpsServer server;
    private static SSLSocketFactory trustingTestCert;
    private static int port;

    @BeforeAll
    static void startServer(@TempDir Path dir) throws Exception {
        Path keystore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        keytool.getInputStream().readAllBytes();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(keys.getKeyManagers(), null, null);
        SSLContext clientTls = SSLContext.getInstance("TLS");
        clientTls.init(null, trust.getTrustManagers(), null);
        trustingTestCert = clientTls.getSocketFactory();

        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/ok", ex -> send(ex, 200, "hello"));
        server.createContext("/secret-500", ex -> send(ex, 500, "INTERNAL-SECRET-TOKEN from an internal service"));
        server.createContext("/to-metadata", ex -> redirect(ex, "https://169.254.169.254/latest/meta-data/"));
        server.createContext("/to-private", ex -> redirect(ex, "https://10.0.0.1/admin"));
        server.createContext("/to-http", ex -> redirect(ex, "http://localhost:" + port + "/ok"));
        server.createContext("/to-file", ex -> redirect(ex, "file:///etc/passwd"));
        server.createContext("/to-ok", ex -> redirect(ex, "/ok"));
        server.createContext("/loop", ex -> redirect(ex, "/loop"));
        server.createContext("/big-declared", ex -> stream(ex, 20L * 1024 * 1024, true));
        server.createContext("/big-chunked", ex -> stream(ex, 20L * 1024 * 1024, false));
        server.createContext("/trickle", GuardedHttpClientTest::trickle);
        server.start();
        port = server.getAddress().getPort();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** Reaches the local server: loopback 127.0.0.1 allowed by name, "localhost" resolved to it. */
    private static GuardedHttpClient testClient(Duration total) {
        return new GuardedHttpClient(new AddressGuard(List.of(Cidr.parse("127.0.0.1/32"))),
                host -> List.of(InetAddress.getByName(host.equals("localhost") ? "127.0.0.1" : host)), trustingTestCert,
                new GuardedHttpClient.Limits(5 * 1024 * 1024, Duration.ofSeconds(2), total, 3));
    }

    private static URI local(String path) {
        return URI.create("https://localhost:" + port + path);
    }

    @Test
    void fetchesFromAnAllowedHttpsServer() throws Exception {
        GuardedHttpClient.Response response = testClient(Duration.ofSeconds(10)).get(local("/to-ok"));

        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(response.uri()).isEqualTo(local("/ok"));
    }

    @Test
    void refusesInternalAddressesGivenLiterally() {
        GuardedHttpClient strict = GuardedHttpClient.strict();
        for (String url : List.of("https://127.0.0.1/", "https://[::1]/", "https://169.254.169.254/latest/meta-data/",
                "https://10.0.0.1/", "https://[fd00:ec2::254]/", "https://[::ffff:127.0.0.1]/")) {
            assertThatThrownBy(() -> strict.get(URI.create(url))).as(url)
                    .isInstanceOf(OutboundRefusedException.class).hasMessageContaining("fetches only from public addresses");
        }
    }

    @Test
    void refusesANameThatResolvesInternally() {
        GuardedHttpClient rebinding = new GuardedHttpClient(AddressGuard.strict(), host -> List.of(
                InetAddress.getByName("193.99.144.80"), InetAddress.getByName("127.0.0.1")), trustingTestCert,
                GuardedHttpClient.Limits.DEFAULT);

        assertThatThrownBy(() -> rebinding.get(URI.create("https://idp.agency.example/metadata")))
                .hasMessage("The host idp.agency.example resolves to a loopback address; DVC IAM fetches only from public addresses.");
    }

    @Test
    void refusesOtherSchemes() {
        for (String url : List.of("file:/etc/passwd", "gopher://agency.example:70/_x", "http://agency.example/metadata",
                "ftp://agency.example/")) {
            assertThatThrownBy(() -> GuardedHttpClient.strict().get(URI.create(url))).as(url)
                    .hasMessageContaining("Only https:// URLs are fetched");
        }
    }

    @Test
    void checksEveryRedirectHopAgain() {
        GuardedHttpClient client = testClient(Duration.ofSeconds(10));

        assertThatThrownBy(() -> client.get(local("/to-metadata"))).hasMessageContaining("link-local");
        assertThatThrownBy(() -> client.get(local("/to-private"))).hasMessageContaining("private network");
        assertThatThrownBy(() -> client.get(local("/to-http"))).hasMessageContaining("Only https://");
        assertThatThrownBy(() -> client.get(local("/to-file"))).hasMessageContaining("Only https://");
        assertThatThrownBy(() -> client.get(local("/loop"))).hasMessageContaining("redirected more than 3 times");
    }

    @Test
    void capsTheBody() {
        GuardedHttpClient client = testClient(Duration.ofSeconds(20));

        assertThatThrownBy(() -> client.get(local("/big-declared"))).hasMessageContaining("sent more than 5120 KB");
        assertThatThrownBy(() -> client.get(local("/big-chunked"))).hasMessageContaining("sent more than 5120 KB");
    }

    @Test
    void cutsOffASlowlyTricklingServerAtTheDeadline() {
        long start = System.nanoTime();

        assertThatThrownBy(() -> testClient(Duration.ofSeconds(1)).get(local("/trickle")))
                .hasMessageContaining("did not answer within 1 s");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void neverEchoesWhatTheServerAnswered() {
        assertThatThrownBy(() -> testClient(Duration.ofSeconds(10)).get(local("/secret-500")))
                .hasMessage("https://localhost:" + port + " answered HTTP 500.")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("SECRET"));
    }

    @Test
    void refusesACertificateItDoesNotTrust() {
        GuardedHttpClient defaultTrust = new GuardedHttpClient(new AddressGuard(List.of(Cidr.parse("127.0.0.1/32"))),
                host -> List.of(InetAddress.getByName("127.0.0.1")), (SSLSocketFactory) SSLSocketFactory.getDefault(),
                GuardedHttpClient.Limits.DEFAULT);

        assertThatThrownBy(() -> defaultTrust.get(local("/ok"))).hasMessageContaining("TLS failed");
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().putAll(Map.of("Location", List.of(location)));
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private static void stream(HttpExchange exchange, long bytes, boolean declareLength) throws IOException {
        exchange.sendResponseHeaders(200, declareLength ? bytes : 0);
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = exchange.getResponseBody()) {
            for (long sent = 0; sent < bytes; sent += block.length) {
                out.write(block);
            }
        } catch (IOException clientGaveUp) {
            // expected: the client stops reading at its limit
        }
    }

    private static void trickle(HttpExchange exchange) throws IOException {
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            for (int i = 0; i < 50; i++) { // at most 10 s
                out.write('x');
                out.flush();
                Thread.sleep(200);
            }
        } catch (IOException | InterruptedException clientGaveUp) {
            // expected: the client hangs up at its deadline
        }
    }
}
