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
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * An agency's web server for the tests: HTTPS on 127.0.0.2 with a key pair made by the JDK's keytool
 * for this run, serving what the test puts at a path (metadata), or an error status. DVC IAM trusts its
 * certificate through the registration resource's {@code outbound-trust-store} option and may reach
 * 127.0.0.2 through {@code outbound-allow} — 127.0.0.1 stays refused.
 */
final class TestHttpsServer implements AutoCloseable {

    static final String ADDRESS = "127.0.0.2";
    static final String PASSWORD = "changeit";

    private final Map<String, byte[]> content = new ConcurrentHashMap<>();
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();

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

    private void start(Path dir) throws Exception {
        keystore = dir.resolve("agency-web.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "web", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + ADDRESS,
                "-ext", "SAN=ip:" + ADDRESS, "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD).redirectErrorStream(true).start();
        keytool.getInputStream().readAllBytes();
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IllegalStateException("keytool failed");
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
            Integer failure = failures.get(path);
            byte[] body = content.get(path);
            if (failure != null || body == null) {
                exchange.sendResponseHeaders(failure == null ? 404 : failure, -1);
                exchange.close();
                return;
            }
            exchange.getResponseHeaders().add("Content-Type", "application/samlmetadata+xml");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
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
