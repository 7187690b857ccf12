package de.dvc.iam.keycloak.outbound;

import com.sun.net.httpserver.HttpServer;
import de.dvc.iam.core.outbound.GuardedHttpClient;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.conn.ssl.SSLConnectionSocketFactory;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.util.EntityUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The guarded client against local listeners: an HTTP server (the "allowed" peer) and a bare socket whose
 * backlog shows whether a refused request opened a connection at all. No Keycloak server.
 */
class GuardedHttpClientFactoryTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static HttpServer server;
    private static ServerSocket listener;
    private static int serverPort;
    private static int listenerPort;

    /** Names for the tests; literals as the system parses them, never a real DNS query. */
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private final GuardedHttpClient.Resolver resolver = host -> {
        asked.add(host);
        return switch (host) {
            case "localhost" -> List.of(InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1}));
            case "mixed.example" -> List.of(InetAddress.getByName("93.184.216.34"), InetAddress.getByName("127.0.0.1"));
            default -> {
                if (!host.matches("[0-9a-fA-F.:]+")) {
                    throw new UnknownHostException(host);
                }
                yield List.of(InetAddress.getByName(host));
            }
        };
    };

    @BeforeAll
    static void startPeers() throws IOException {
        server = HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 16);
        server.createContext("/ok", ex -> {
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.createContext("/away", ex -> {
            ex.getResponseHeaders().add("Location", "http://127.0.0.1:" + listenerPort + "/");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        server.start();
        serverPort = server.getAddress().getPort();
        listener = new ServerSocket(0, 50, LOOPBACK);
        listener.setSoTimeout(300);
        listenerPort = listener.getLocalPort();
    }

    @AfterAll
    static void stopPeers() throws IOException {
        server.stop(0);
        listener.close();
    }

    @Test
    void aLoopbackAddressIsRefusedWithoutConnecting() throws IOException {
        try (CloseableHttpClient client = client("")) {
            assertThatThrownBy(() -> get(client, "http://127.0.0.1:" + listenerPort + "/"))
                    .isInstanceOf(UnknownHostException.class)
                    .hasMessage("refused by DVC outbound guard: 127.0.0.1 is a loopback address; Keycloak connects only to "
                            + "public addresses (exceptions: option allow of connectionsHttpClient dvc-guarded)");
        }
        assertThat(asked).as("HttpClient 4.5 hands IP literals to the DnsResolver").containsExactly("127.0.0.1");
        assertNoConnectionReachedTheListener();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://[::ffff:127.0.0.1]:%d/", "http://localhost:%d/", "https://localhost:%d/",
            "http://169.254.169.254/latest/meta-data/", "http://10.0.0.1:%d/", "http://mixed.example:%d/"})
    void internalTargetsInAnySpellingAreRefused(String url) throws IOException {
        try (CloseableHttpClient client = client("")) {
            assertThatThrownBy(() -> get(client, url.formatted(listenerPort)))
                    .isInstanceOf(UnknownHostException.class)
                    .hasMessageStartingWith("refused by DVC outbound guard: ")
                    .hasMessageContainingAll(" is a ", "address");
        }
        assertNoConnectionReachedTheListener();
    }

    @Test
    void aMixedDnsAnswerIsRefusedAsAWhole() throws IOException {
        try (CloseableHttpClient client = client("")) {
            assertThatThrownBy(() -> get(client, "http://mixed.example/"))
                    .hasMessageStartingWith("refused by DVC outbound guard: mixed.example (127.0.0.1) is a loopback address");
        }
    }

    @Test
    void anAddressAndPortExceptionAdmitsExactlyThatPort() throws IOException {
        try (CloseableHttpClient client = client("127.0.0.1:" + serverPort)) {
            assertThat(get(client, "http://127.0.0.1:" + serverPort + "/ok")).isEqualTo("200 ok");
            assertThat(get(client, "http://localhost:" + serverPort + "/ok")).isEqualTo("200 ok");
            assertThatThrownBy(() -> get(client, "http://127.0.0.1:" + listenerPort + "/"))
                    .hasMessageStartingWith("refused by DVC outbound guard: 127.0.0.1:" + listenerPort + " is a loopback address, "
                            + "admitted by option allow on port " + serverPort + " only");
            assertThatThrownBy(() -> get(client, "http://[::ffff:127.0.0.1]:" + listenerPort + "/"))
                    .hasMessageStartingWith("refused by DVC outbound guard: [::ffff:127.0.0.1] (127.0.0.1:" + listenerPort + ")");
        }
        assertNoConnectionReachedTheListener();
    }

    @Test
    void aRangeExceptionAdmitsEveryPort() throws IOException {
        try (CloseableHttpClient client = client("10.0.0.0/8, 127.0.0.0/8")) {
            assertThat(get(client, "http://127.0.0.1:" + serverPort + "/ok")).isEqualTo("200 ok");
            assertThat(get(client, "http://localhost:" + serverPort + "/ok")).isEqualTo("200 ok");
        }
    }

    @Test
    void redirectsAreReturnedNotFollowed() throws IOException {
        try (CloseableHttpClient client = client("127.0.0.0/8")) {
            assertThat(get(client, "http://127.0.0.1:" + serverPort + "/away")).startsWith("302");
        }
        assertNoConnectionReachedTheListener();
    }

    @Test
    void allowEntriesAreLiteralAddressesOnly() throws UnknownHostException {
        assertThatThrownBy(() -> ConnectionGuard.parse("localhost:8080")).hasMessageContaining("'localhost:8080'");
        assertThatThrownBy(() -> ConnectionGuard.parse("127.0.0.1:0")).hasMessageContaining("port must be 1..65535");
        assertThatThrownBy(() -> ConnectionGuard.parse("127.0.0.0/8:8080")).hasMessageContaining("'127.0.0.0/8:8080'");
        assertThat(ConnectionGuard.parse(" , ").hasExceptions()).isFalse();
        ConnectionGuard ipv6 = ConnectionGuard.parse("[::1]:8080");
        assertThat(ipv6.refusal(InetAddress.getByName("::1"), 8080)).isEmpty();
        assertThat(ipv6.refusal(InetAddress.getByName("::1"), 8081)).contains("a loopback address, admitted by option allow on port 8080 only");
    }

    private CloseableHttpClient client(String allow) {
        return GuardedHttpClientFactory.build(ConnectionGuard.parse(allow), resolver, ClientOptions.DEFAULT,
                SSLConnectionSocketFactory.getSocketFactory());
    }

    private static String get(CloseableHttpClient client, String url) throws IOException {
        try (CloseableHttpResponse response = client.execute(new HttpGet(url))) {
            String body = response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity());
            return (response.getStatusLine().getStatusCode() + " " + body).trim();
        }
    }

    private static void assertNoConnectionReachedTheListener() throws IOException {
        try (Socket accepted = listener.accept()) {
            throw new AssertionError("a refused request connected to the listener from " + accepted.getRemoteSocketAddress());
        } catch (SocketTimeoutException expected) {
            // nothing in the backlog: no connection was made
        }
    }
}
