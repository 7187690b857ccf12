package de.dvc.iam.demo;

import org.keycloak.admin.client.Keycloak;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Deque;

/**
 * README command 1: starts the demo federation (DVC IAM server with its agency IdP realms, Land Beispiel's
 * Spring Authorization Server, demo service), prints where to go, and stops everything it started on Ctrl-C.
 *
 * <p>Usage: {@code DemoLauncher [--state-dir DIR] [--cluster N]} from the repository root; ports are fixed
 * (8080 server, 9000 management, 8081 demo service, 8082 Land Beispiel's OIDC provider) because the README names
 * them. With {@code --cluster N} the server is N nodes on PostgreSQL behind HAProxy on 8080 (nodes on 8181+, management 9001+, JGroups
 * 7800+), state in {@code .dvc-demo-cluster}.
 */
public final class DemoLauncher {

    static final int HTTP_PORT = 8080;
    static final int MANAGEMENT_PORT = 9000;
    static final int SERVICE_PORT = 8081;
    /** The agencies' web server (domain proof files, the BMI's second IdP behind TLS) on 127.0.0.2. */
    static final int AGENCY_WEB_PORT = 8443;
    /** Land Beispiel's OIDC provider (Spring Authorization Server), plain HTTP on 127.0.0.1 behind the agency web server. */
    static final int AGENCY_OIDC_PORT = 8082;
    /** The agencies' DNS (domain proof TXT records, A records of the agency domains), UDP on 127.0.0.1. */
    static final int AGENCY_DNS_PORT = 8053;
    /** The demo agencies' domains, served by the agency web server. */
    static final java.util.List<String> AGENCY_DOMAINS = java.util.List.of(DemoAgencies.BERLIN_SENFIN.domain(),
            DemoAgencies.BUND_BMI.domain());

    /** Ports of a demo cluster: the load balancer takes the single server's 8080. */
    static final DemoCluster.Ports CLUSTER_PORTS = new DemoCluster.Ports(HTTP_PORT, 8181, 9001, 7800, 15432);

    private final Path root;
    private final Path stateDir;
    /** Where {@code ./dvc-fixture} writes the national fixture's files, below the state directory: applied at every start. */
    static final String FIXTURE_FILES = "federation";
    private final int clusterSize;
    private final PrintStream out;
    private final Deque<ServerProcess> started = new java.util.concurrent.ConcurrentLinkedDeque<>();
    /** Set by the shutdown hook: children ending now are expected. */
    private volatile boolean stopping;
    private AgencyDns agencyDns;
    private AgencyWebServer agencyWeb;
    private AgencyDirectoryServer agencyDirectory;

    DemoLauncher(Path root, Path stateDir, PrintStream out) {
        this(root, stateDir, 0, out);
    }

    /** @param clusterSize 0 for the single server on H2, else the number of nodes on PostgreSQL */
    DemoLauncher(Path root, Path stateDir, int clusterSize, PrintStream out) {
        this.root = root;
        this.stateDir = stateDir;
        this.clusterSize = clusterSize;
        this.out = out;
    }

    public static void main(String[] args) {
        Path root = Path.of("").toAbsolutePath();
        Path stateDir = null;
        int clusterSize = 0;
        String usage = "usage: dvc-demo [--state-dir DIR] [--cluster N]";
        for (int i = 0; i < args.length; i++) {
            if ("--state-dir".equals(args[i]) && i + 1 < args.length) {
                stateDir = Path.of(args[++i]).toAbsolutePath();
            } else if ("--cluster".equals(args[i]) && i + 1 < args.length && args[i + 1].matches("[1-9]")) {
                clusterSize = Integer.parseInt(args[++i]);
            } else {
                System.err.println("dvc-demo: unknown or incomplete argument '" + args[i] + "' (--cluster takes 1 to 9 nodes); "
                        + usage);
                System.exit(64);
            }
        }
        if (stateDir == null) {
            stateDir = root.resolve(clusterSize > 0 ? ".dvc-demo-cluster" : ".dvc-demo");
        }
        DemoLauncher launcher = new DemoLauncher(root, stateDir, clusterSize, System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(launcher::stopAll, "dvc-demo-stop"));
        try {
            launcher.start();
            launcher.superviseUntilStopped();
        } catch (DemoStartException e) {
            System.err.println("dvc-demo: " + e.getMessage());
            System.exit(2);
        } catch (IOException e) {
            System.err.println("dvc-demo: could not start a process (" + e.getMessage() + "); check that "
                    + root + " is the DVC IAM checkout and that you may run programs there.");
            System.exit(2);
        } catch (RuntimeException e) {
            System.err.println("dvc-demo: setting up the demo federation failed (" + e.getMessage()
                    + "); read " + stateDir.resolve("keycloak.log") + ", or move " + stateDir + " away to start fresh.");
            System.exit(1);
        }
    }

    void checkPrerequisites() throws DemoStartException {
        Preflight.requireJava(Runtime.version().feature());
        Preflight.requireFile(serverHome().resolve("bin/kc.sh"), "The DVC IAM server distribution");
        Preflight.requireFile(serviceJar(), "The demo service");
        Preflight.requireFile(agencyOidcJar(), "Land Beispiel's OIDC provider (agency-oidc)");
        Preflight.requireUsableState(stateDir);
        Preflight.requireFreePort(HTTP_PORT, clusterSize > 0 ? "DVC IAM load balancer" : "DVC IAM server");
        Preflight.requireFreePort(SERVICE_PORT, "demo service");
        Preflight.requireFreePort(AGENCY_OIDC_PORT, "Land Beispiel's OIDC provider");
        if (clusterSize == 0) {
            Preflight.requireFreePort(MANAGEMENT_PORT, "DVC IAM management");
            return;
        }
        Preflight.requireFreePort(CLUSTER_PORTS.database(), "PostgreSQL");
        for (int i = 0; i < clusterSize; i++) {
            String node = DemoCluster.nodeName(i);
            Preflight.requireFreePort(CLUSTER_PORTS.http() + i, node);
            Preflight.requireFreePort(CLUSTER_PORTS.management() + i, node + " management");
            Preflight.requireFreePort(CLUSTER_PORTS.jgroups() + i, node + " JGroups");
            Preflight.requireFreePort(CLUSTER_PORTS.jgroups() + i + 50000, node + " JGroups failure detection");
        }
    }

    void start() throws DemoStartException, IOException {
        checkPrerequisites();
        Instant begin = Instant.now();
        startAgencyServers();
        java.util.List<String> options = new java.util.ArrayList<>(agencyWeb.serverOptions(agencyDns));
        options.addAll(DvcServer.demoOnlyOptions());
        String serverUrl = clusterSize > 0 ? startCluster(options) : startServer(options);

        AgencyOidcProvider agencyOidc = new AgencyOidcProvider(agencyOidcJar(), stateDir, AGENCY_OIDC_PORT, agencyWeb);
        out.println("Starting Land Beispiel's OIDC provider (Spring Authorization Server) at " + agencyOidc.issuer() + " - log: "
                + agencyOidc.log());
        started.push(agencyOidc.start(serverUrl, Duration.ofMinutes(2)));

        out.println("Setting up the demo federation (realm dvc, agencies berlin-senfin, bund-bmi and land-beispiel) ...");
        DemoService service = new DemoService(serviceJar(), stateDir, SERVICE_PORT);
        try (Keycloak admin = Keycloak.getInstance(serverUrl, "master", DvcServer.ADMIN_USER,
                DvcServer.ADMIN_PASSWORD, "admin-cli")) {
            DemoFederation federation = new DemoFederation(admin, serverUrl, service.url());
            Path fixture = stateDir.resolve(FIXTURE_FILES);
            if (java.nio.file.Files.isDirectory(fixture)) {
                out.println("... with the federation files ./dvc-fixture wrote to " + fixture + " (one apply of them and the demo's)");
            }
            federation.apply(java.util.Optional.of(fixture).filter(java.nio.file.Files::isDirectory), java.util.Optional.of(agencyOidc));
            // The walkthrough's roles are the files': federation/demo/settings.yaml names the operator and the agency admins.
            federation.ensureDemoOperatorUser();
            // IdPs the agency admins register themselves (docs/agency-admins.md walkthrough): a SAML IdP
            // of SenFin, and an OIDC provider of the BMI behind the agency web server (https://127.0.0.2:8443).
            federation.ensureAgencyIdpRealm(DemoAgencies.BERLIN_SENFIN_NEW);
            String secret = federation.ensureAgencyIdpRealmBehind(DemoAgencies.BUND_BMI_NEW, agencyWeb.url(""));
            agencyWeb.proxy("/realms/" + DemoAgencies.BUND_BMI_NEW.idpRealm() + "/", java.net.URI.create("http://127.0.0.1:" + HTTP_PORT));
            java.nio.file.Files.writeString(stateDir.resolve(DemoAgencies.BUND_BMI_NEW.idpAlias() + "-client.json"), """
                    {"issuer": "%s", "clientId": "dvc-iam", "clientSecret": "%s"}
                    """.formatted(agencyWeb.url("/realms/" + DemoAgencies.BUND_BMI_NEW.idpRealm()), secret));
        }

        out.println("Starting the demo service on " + service.url() + " - log: " + stateDir.resolve("demo-service.log"));
        started.push(service.start(serverUrl, Duration.ofMinutes(2)));
        String invitation;
        try {
            invitation = new DemoOnboarding(serverUrl, service.url()).freshInvitation();
        } catch (Exception e) {
            throw new IOException("the onboarding walkthrough's invitation could not be made: " + e.getMessage(), e);
        }
        out.println("Gemeinde Musterhausen joins with its Active Directory (" + agencyDirectory.settings(java.util.Map.of()).get("url")
                + "): registration, test login, domain proof, approval ...");
        try (Keycloak admin = Keycloak.getInstance(serverUrl, "master", DvcServer.ADMIN_USER, DvcServer.ADMIN_PASSWORD, "admin-cli")) {
            new DemoDirectoryAgency(serverUrl, service.url(), agencyDns).ensureActive(admin, agencyDirectory);
        } catch (Exception e) {
            throw new IOException("Gemeinde Musterhausen's directory could not be joined: " + e.getMessage(), e);
        }
        out.println(banner(serverUrl, service.url(), Duration.between(begin, Instant.now()), invitation, agencyOidc.issuer()));
    }

    private String startServer(java.util.List<String> options) throws DemoStartException, IOException {
        DvcServer server = new DvcServer(serverHome(), stateDir, HTTP_PORT, MANAGEMENT_PORT, options);
        out.println("Starting DVC IAM (Keycloak) on " + server.url() + " - log: " + stateDir.resolve("keycloak.log"));
        try {
            started.push(server.start(Duration.ofMinutes(5)));
        } catch (DemoStartException e) {
            // The usual cause with kept state is a damaged H2 file (e.g. the machine lost power).
            throw new DemoStartException(e.getMessage().replaceFirst("\\.$", "") + "; if it reports a damaged"
                    + " database, move " + stateDir + " away and start again for a fresh demo.");
        }
        return server.url();
    }

    private String startCluster(java.util.List<String> options) throws DemoStartException, IOException {
        DemoCluster cluster = new DemoCluster(root.resolve("distribution/target/dvc-iam-cluster"), stateDir, clusterSize,
                CLUSTER_PORTS, options);
        out.println("Starting a DVC IAM cluster: PostgreSQL on 127.0.0.1:" + CLUSTER_PORTS.database() + ", " + clusterSize
                + " nodes on ports " + CLUSTER_PORTS.http() + "+ (logs " + stateDir + "/node*.log), HAProxy on " + cluster.url());
        try {
            cluster.start(Duration.ofMinutes(8));
        } finally {
            // Whatever started is stopped on Ctrl-C or failure: the load balancer first, the database last.
            java.util.List<ServerProcess> processes = cluster.processes();
            for (int i = processes.size() - 1; i >= 0; i--) {
                started.push(processes.get(i));
            }
        }
        return cluster.url();
    }

    /**
     * The agencies' DNS (zone file {@code agency-dns.txt} in the state directory) and web server
     * (document root {@code agency-web/}), where the walkthrough's agency admins publish domain proofs.
     */
    private void startAgencyServers() throws DemoStartException, IOException {
        java.nio.file.Path zone = stateDir.resolve("agency-dns.txt");
        if (!java.nio.file.Files.exists(zone)) {
            java.nio.file.Files.writeString(zone, """
                    # The demo agencies' DNS (docs/agency-admins.md): one record per line, read on every query.
                    # <name> TXT <value>   e.g. _dvc-iam.senfin.berlin.example TXT dvc-iam-verification=...
                    # <name> A <IPv4>
                    """);
        }
        java.nio.file.Path documentRoot = stateDir.resolve("agency-web");
        java.nio.file.Files.createDirectories(documentRoot.resolve(".well-known"));
        try {
            agencyDns = new AgencyDns(AGENCY_DNS_PORT, zone);
        } catch (java.net.SocketException e) {
            throw new DemoStartException("UDP port " + AGENCY_DNS_PORT + " (the agencies' DNS) is already in use; stop the program"
                    + " that holds it (is the demo already running?) and start again.");
        }
        AGENCY_DOMAINS.forEach(domain -> agencyDns.publishA(domain, AgencyWebServer.ADDRESS));
        try {
            agencyWeb = new AgencyWebServer(stateDir, AGENCY_WEB_PORT, AGENCY_DOMAINS, documentRoot);
        } catch (java.net.BindException e) {
            throw new DemoStartException("Port " + AGENCY_WEB_PORT + " on " + AgencyWebServer.ADDRESS + " (the agencies' web server)"
                    + " is already in use or " + AgencyWebServer.ADDRESS + " is not a loopback address here; stop the program that"
                    + " holds it and start again.");
        }
        try {
            agencyDirectory = DemoDirectoryAgency.directory(agencyWeb);
        } catch (IOException e) {
            throw new DemoStartException("Port " + DemoDirectoryAgency.PORT + " on " + AgencyWebServer.ADDRESS + " (Gemeinde Musterhausen's"
                    + " directory) is already in use; stop the program that holds it and start again.");
        }
    }

    private String banner(String serverUrl, String serviceUrl, Duration took, String invitation, String agencyOidcIssuer) {
        return """

                ================================================================================
                 DVC IAM demo federation is running (ready in %d s)

                 Demo service ..... %s  (log in here)
                 DVC IAM realm .... %s/realms/dvc/account
                 Admin console .... %s/admin   user admin / password admin
                                    DEMO ONLY - never use these credentials anywhere else!
                 Demo users (password "demo"):
                   anna.schmidt@senfin.berlin.example  via Senatsverwaltung für Finanzen Berlin (SAML)
                   jonas.weber@bmi.bund.example        via Bundesministerium des Innern (OIDC)
                   sara.yilmaz@beispiel-land.example   via Ministerium des Innern, Land Beispiel
                                                       (OIDC, Spring Authorization Server)
                   paul.becker@musterhausen.example    via Gemeinde Musterhausen's Active Directory
                                                       (LDAPS; DVC's own password form)
                 Agency IdPs ...... realms agency-berlin-senfin, agency-bund-bmi; land-beispiel:
                                    %s (not Keycloak)
                 Self-service ..... docs/agency-admins.md: register berlin-senfin-neu (SAML) and
                                    bund-bmi-neu (OIDC, %s); federation operator
                                    petra.betrieb@bmi.bund.example approves
                 Onboarding ....... Gemeinde Musterstadt has no IdP yet; its contact's invitation
                                    (docs/agency-admins.md, "Joining"; valid once, 14 days):
                                    %s
                 Agencies' DNS .... %s/agency-dns.txt, web %s/agency-web/
                 State ............ %s (kept across restarts)

                 Press Ctrl-C to stop everything.
                ================================================================================
                """.formatted(took.toSeconds(), serviceUrl, serverUrl, serverUrl, agencyOidcIssuer, agencyWeb.url(""), invitation,
                stateDir, stateDir, stateDir);
    }

    /** Returns when a child ends on its own; Ctrl-C ends the JVM and the hook stops the rest. */
    private void superviseUntilStopped() {
        while (!stopping) {
            for (ServerProcess process : started) {
                if (!process.isAlive() && !stopping) {
                    System.err.println("dvc-demo: " + process.name() + " stopped unexpectedly; read "
                            + process.log() + ". Stopping the demo.");
                    System.exit(1);
                }
            }
            ServerProcess first = started.peek();
            if (first == null) {
                return; // Ctrl-C: the shutdown hook is stopping everything
            }
            try {
                first.waitFor(Duration.ofSeconds(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    void stopAll() {
        stopping = true;
        if (agencyDirectory != null) {
            agencyDirectory.close();
        }
        if (agencyWeb != null) {
            agencyWeb.close();
        }
        if (agencyDns != null) {
            agencyDns.close();
        }
        if (started.isEmpty()) {
            return;
        }
        out.println("Stopping the demo federation ...");
        ServerProcess process;
        while ((process = started.poll()) != null) {
            process.close();
        }
    }

    private Path serverHome() {
        return root.resolve(clusterSize > 0 ? "distribution/target/dvc-iam-cluster" : "distribution/target/dvc-iam");
    }

    private Path serviceJar() {
        return root.resolve("demo-service/target/demo-service.jar");
    }

    private Path agencyOidcJar() {
        return root.resolve("agency-oidc/target/agency-oidc.jar");
    }
}
