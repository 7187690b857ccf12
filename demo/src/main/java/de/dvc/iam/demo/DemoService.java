package de.dvc.iam.demo;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Starts the demo service (a Spring Boot JAR of its own) against realm {@code dvc} of a server. */
public final class DemoService {

    private final Path jar;
    private final Path logDir;
    private final int port;

    public DemoService(Path jar, Path logDir, int port) {
        this.jar = jar;
        this.logDir = logDir;
        this.port = port;
    }

    public String url() {
        return "http://localhost:" + port;
    }

    public ServerProcess start(String serverUrl, Duration readyTimeout) throws IOException, DemoStartException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Map<String, String> env = Map.of(
                "DVC_ISSUER", serverUrl + "/realms/" + DemoFederation.REALM,
                "DVC_CLIENT_ID", DemoFederation.DEMO_CLIENT_ID,
                "DVC_CLIENT_SECRET", DemoFederation.DEMO_CLIENT_SECRET,
                "DEMO_SERVICE_PORT", Integer.toString(port));
        ServerProcess process = ServerProcess.start("Demo service",
                List.of(java.toString(), "-Xmx256m", "-jar", jar.toAbsolutePath().toString()),
                env, logDir, logDir.resolve("demo-service.log"));
        process.awaitReady(URI.create("http://127.0.0.1:" + port + "/"), readyTimeout);
        return process;
    }
}
