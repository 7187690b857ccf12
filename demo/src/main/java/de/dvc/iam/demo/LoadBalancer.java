package de.dvc.iam.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * HAProxy from the machine's packages (Debian {@code haproxy}) in front of the cluster nodes, on 127.0.0.1:
 * round robin over the nodes (no stickiness, so every login crosses nodes and proves the cluster shares its
 * state), a node in rotation only while its management port answers {@code /health/ready}, a connection that
 * fails is retried on another node. It sets {@code X-Forwarded-For/Proto/Host}; the nodes read them
 * ({@code --proxy-headers=xforwarded}).
 */
public final class LoadBalancer {

    /** A backend: the node's HTTP port and its management port (health checks). */
    public record Backend(String name, int httpPort, int managementPort) {
    }

    private final Path stateDir;
    private final int port;
    private final List<Backend> backends;

    public LoadBalancer(Path stateDir, int port, List<Backend> backends) {
        this.stateDir = stateDir;
        this.port = port;
        this.backends = List.copyOf(backends);
    }

    public String url() {
        return "http://localhost:" + port;
    }

    String config() {
        StringBuilder servers = new StringBuilder();
        for (Backend backend : backends) {
            servers.append("  server %s 127.0.0.1:%d check port %d%n".formatted(backend.name(), backend.httpPort(),
                    backend.managementPort()));
        }
        return """
                # DVC IAM demo cluster: written by the demo on every start (LoadBalancer.java).
                global
                  maxconn 4096
                defaults
                  mode http
                  timeout connect 2s
                  timeout client 60s
                  timeout server 60s
                  timeout http-request 10s
                  # A connection refused by a dead node is retried on another one.
                  retries 2
                  option redispatch
                  option http-server-close
                frontend dvc
                  bind 127.0.0.1:%d
                  option forwardfor
                  http-request set-header X-Forwarded-Proto http
                  http-request set-header X-Forwarded-Host %%[req.hdr(host)]
                  default_backend nodes
                backend nodes
                  balance roundrobin
                  option httpchk GET /health/ready
                  http-check expect status 200
                  # A dead node leaves the rotation after 2 failed checks 1 s apart; a recovered one returns after 2 good ones.
                  default-server inter 1s fall 2 rise 2
                %s""".formatted(port, servers);
    }

    public ServerProcess start(Duration timeout) throws IOException, DemoStartException {
        Path haproxy = Path.of("/usr/sbin/haproxy");
        if (!Files.isExecutable(haproxy)) {
            throw new DemoStartException("HAProxy is not installed (no /usr/sbin/haproxy); on Debian or Ubuntu install it with:"
                    + " apt-get install haproxy");
        }
        Path config = stateDir.resolve("haproxy.cfg");
        Files.createDirectories(stateDir);
        Files.writeString(config, config());
        ServerProcess process = ServerProcess.start("HAProxy", List.of(haproxy.toString(), "-db", "-f", config.toString()),
                Map.of(), stateDir, stateDir.resolve("haproxy.log"));
        Instant deadline = Instant.now().plus(timeout);
        while (!answers()) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                process.close();
                throw new DemoStartException("HAProxy did not serve " + url() + " within " + timeout.toSeconds() + " s; read "
                        + process.log() + ".");
            }
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DemoStartException("Interrupted while starting HAProxy.");
            }
        }
        return process;
    }

    /** The load balancer forwards to a ready node: the realm master's discovery document answers 200. */
    private boolean answers() {
        try {
            var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://127.0.0.1:" + port + "/realms/master/.well-known/openid-configuration"))
                    .timeout(Duration.ofSeconds(3)).build(), java.net.http.HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
