package de.dvc.iam.it;

import de.dvc.iam.demo.AgencyDns;
import de.dvc.iam.demo.AgencyWebServer;
import de.dvc.iam.demo.DemoFederation;
import de.dvc.iam.demo.DemoService;
import de.dvc.iam.demo.DemoStartException;
import de.dvc.iam.demo.DvcServer;
import de.dvc.iam.demo.FixtureLoader;
import de.dvc.iam.demo.ServerProcess;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.keycloak.admin.client.Keycloak;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * JUnit extension: one demo federation (server distribution + agency IdPs + demo service) for the
 * whole test run, on free loopback ports and a fresh state directory, stopped when the run ends.
 * Test classes receive it as a parameter.
 */
public final class RunningFederation implements BeforeAllCallback, ParameterResolver {

    /** Rows of fixtures/agencies.csv loaded into the test federation. */
    public static final int FIXTURE_ROWS = 1100;
    public static final int METADATA_REFRESH_SECONDS = 5;
    /** An agency domain served by the agency web server (its A record points at 127.0.0.2). */
    public static final String WEB_DOMAIN = "ordnungsamt.example";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RunningFederation.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        federation(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Federation.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return federation(context);
    }

    private static Federation federation(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(Federation.class, key -> Federation.start(), Federation.class);
    }

    /** The started federation; closing it stops every process it started. */
    public static final class Federation implements AutoCloseable {
        private final ServerProcess server;
        private final ServerProcess service;
        private final String serverUrl;
        private final String serviceUrl;
        private final Keycloak admin;
        private final AgencyDns dns;
        private final AgencyWebServer web;
        private final String managementUrl;

        private Federation(ServerProcess server, ServerProcess service, String serverUrl, String serviceUrl, Keycloak admin,
                           AgencyDns dns, AgencyWebServer web, String managementUrl) {
            this.managementUrl = managementUrl;
            this.dns = dns;
            this.web = web;
            this.server = server;
            this.service = service;
            this.serverUrl = serverUrl;
            this.serviceUrl = serviceUrl;
            this.admin = admin;
        }

        static Federation start() {
            ServerProcess server = null;
            try {
                Path work = Path.of(System.getProperty("dvc.work.dir", "target/it-work"));
                Files.createDirectories(work);
                Path state = Files.createTempDirectory(work, "federation-");
                AgencyDns dns = new AgencyDns(0, null);
                AgencyWebServer web = new AgencyWebServer(state, 0, List.of(WEB_DOMAIN), null);
                dns.publishA(WEB_DOMAIN, AgencyWebServer.ADDRESS);
                List<String> options = new java.util.ArrayList<>(web.serverOptions(dns));
                options.addAll(DvcServer.demoOnlyOptions());
                // The directory keeps its production full-build interval (an hour): tests see changed agencies through the
                // incremental update within seconds, as production does.
                options.add("--spi-realm-restapi-extension--dvc-registrations--refresh-seconds=" + METADATA_REFRESH_SECONDS);
                DvcServer dvc = new DvcServer(Path.of(System.getProperty("dvc.server.home")), state, freePort(), freePort(), options);
                server = dvc.start(Duration.ofMinutes(5));
                DemoService demoService = new DemoService(Path.of(System.getProperty("dvc.demo-service.jar")), state, freePort());
                Keycloak admin = Keycloak.getInstance(dvc.url(), "master", DvcServer.ADMIN_USER, DvcServer.ADMIN_PASSWORD, "admin-cli");
                new DemoFederation(admin, dvc.url(), demoService.url()).apply();
                // The national fixture's first rows: federal and Schleswig-Holstein agencies, districts
                // and municipalities up to Flensburg (AGS 01001000) and Brunsbüttel (01051011).
                new FixtureLoader(admin, DemoFederation.REALM, System.out, 2)
                        .load(FixtureLoader.read(Path.of(System.getProperty("fixture.csv")), FIXTURE_ROWS));
                ServerProcess service = demoService.start(dvc.url(), Duration.ofMinutes(2));
                return new Federation(server, service, dvc.url(), demoService.url(), admin, dns, web, dvc.managementUrl());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (server != null) {
                    server.close();
                }
                throw new IllegalStateException("Interrupted while starting the test federation", e);
            } catch (IOException | DemoStartException e) {
                if (server != null) {
                    server.close();
                }
                throw new IllegalStateException("Could not start the test federation: " + e.getMessage(), e);
            }
        }

        /** The DVC IAM server's console log (Keycloak log and the {@code dvc.audit} lines). */
        public Path serverLog() {
            return server.log();
        }

        /** An agency web server on https://127.0.0.2 that DVC IAM may fetch from (metadata). */
        public AgencyWebServer web() {
            return web;
        }

        /** The DNS server DVC IAM's domain proofs ask (publish TXT records here). */
        public AgencyDns dns() {
            return dns;
        }

        /** The server's management interface (health, {@code /metrics}). */
        public String managementUrl() {
            return managementUrl;
        }

        public String serverUrl() {
            return serverUrl;
        }

        public String serviceUrl() {
            return serviceUrl;
        }

        public Keycloak admin() {
            return admin;
        }

        @Override
        public void close() {
            admin.close();
            service.close();
            server.close();
            web.close();
            dns.close();
        }

        private static int freePort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            }
        }
    }
}
