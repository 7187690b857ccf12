package de.dvc.iam.bench;

import de.dvc.iam.demo.DemoStartException;
import de.dvc.iam.demo.DvcServer;
import de.dvc.iam.demo.ServerProcess;
import org.keycloak.admin.client.Keycloak;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A Keycloak distribution (stock or DVC) a benchmark started on loopback ports; closing stops it. */
final class BenchServer implements AutoCloseable {

    final String url;
    final String managementUrl;
    final ServerProcess process;
    private Keycloak admin;

    private BenchServer(String url, String managementUrl, ServerProcess process) {
        this.url = url;
        this.managementUrl = managementUrl;
        this.process = process;
    }

    static BenchServer start(Path home, Path state, PrintStream out) throws IOException, DemoStartException {
        return start(home, state, out, List.of());
    }

    /** @param options further {@code kc.sh start} options */
    static BenchServer start(Path home, Path state, PrintStream out, List<String> options) throws IOException, DemoStartException {
        return start(home, state, out, options, freePort());
    }

    /**
     * @param http the HTTP port: a state whose demo agency IdPs were set up on a port must be started on it again (their
     *             broker URLs name it)
     */
    static BenchServer start(Path home, Path state, PrintStream out, List<String> options, int http) throws IOException, DemoStartException {
        return start(home, state, out, options, http, Duration.ofMinutes(10));
    }

    /** @param ready how long the start may take (e.g. a start that migrates data first) */
    static BenchServer start(Path home, Path state, PrintStream out, List<String> options, int http, Duration ready)
            throws IOException, DemoStartException {
        int management = freePort();
        DvcServer server = new DvcServer(home, state, http, management, options);
        out.println("Starting " + home.getFileName() + " (state " + state + ") ...");
        ServerProcess process = server.start(ready);
        return new BenchServer(server.url(), "http://127.0.0.1:" + management, process);
    }

    Keycloak admin() {
        if (admin == null) {
            admin = Keycloak.getInstance(url, "master", DvcServer.ADMIN_USER, DvcServer.ADMIN_PASSWORD, "admin-cli");
        }
        return admin;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        if (admin != null) {
            admin.close();
        }
        process.close();
    }
}
