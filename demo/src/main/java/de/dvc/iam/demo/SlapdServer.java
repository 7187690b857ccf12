package de.dvc.iam.demo;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A real OpenLDAP {@code slapd} from the machine's packages (Debian {@code slapd}) as an agency's directory for
 * tests and the demo: started in a fresh directory ({@link SlapdInstanceDirectory}) with a config and TLS key pair
 * of its own ({@link SlapdConfig}, {@link SlapdCertificates}), listening on 127.0.0.1 only — LDAPS on one free port,
 * LDAP for StartTLS on another — and loaded with Musterhausen's AD-like tree ({@link SlapdTree}). {@link #close()}
 * stops it and deletes the directory.
 *
 * <p>slapd runs unprivileged: when this JVM is root (CI), as the {@code openldap} user the Debian package creates
 * ({@code -u openldap -g openldap}), as {@link PostgresServer} runs as {@code postgres}. The system instance
 * ({@code /etc/ldap/slapd.d}, {@code /var/lib/ldap}, port 389) is never used or started.
 */
public final class SlapdServer implements AutoCloseable {

    public static final Path SLAPD = Path.of("/usr/sbin/slapd");
    private static final String ADDRESS = "127.0.0.1";

    private final SlapdInstanceDirectory instance;
    private final SlapdCertificates certificates;
    private final SlapdRoot root;
    private final int ldapsPort;
    private final int ldapPort;
    private final ServerProcess process;

    private SlapdServer(SlapdInstanceDirectory instance, SlapdCertificates certificates, SlapdRoot root, int ldapsPort,
                        int ldapPort, ServerProcess process) {
        this.instance = instance;
        this.certificates = certificates;
        this.root = root;
        this.ldapsPort = ldapsPort;
        this.ldapPort = ldapPort;
        this.process = process;
    }

    /**
     * Starts slapd and loads the tree; waits at most {@code timeout} for slapd to accept the root DN's bind.
     *
     * @throws DemoStartException if slapd is not installed, or did not start in time (with the end of its log)
     */
    public static SlapdServer start(Duration timeout) throws IOException, DemoStartException {
        return start(SLAPD, timeout);
    }

    /**
     * As {@link #start(Duration)}, and slapd writes its operation log (debug level {@code stats}: a line per connection,
     * operation and result, e.g. {@code conn=1004 op=1 SRCH base="…"}) to {@link #log()}: benchmarks count there what
     * reaches the directory. The lines cost slapd a little time; tests and the demo do without them.
     */
    public static SlapdServer startLoggingOperations(Duration timeout) throws IOException, DemoStartException {
        return start(SLAPD, timeout, "stats");
    }

    static SlapdServer start(Path slapd, Duration timeout) throws IOException, DemoStartException {
        return start(slapd, timeout, "none");
    }

    private static SlapdServer start(Path slapd, Duration timeout, String debugLevel) throws IOException, DemoStartException {
        if (!Files.isExecutable(slapd) || !Files.isDirectory(SlapdConfig.MODULES)
                || !Files.isRegularFile(SlapdConfig.SCHEMAS.resolve("inetorgperson.schema"))) {
            throw new DemoStartException("OpenLDAP slapd is not installed (no " + slapd + ", " + SlapdConfig.MODULES + " or "
                    + SlapdConfig.SCHEMAS + "): install the Debian packages slapd and ldap-utils"
                    + " (apt-get install slapd ldap-utils); .ci/run does.");
        }
        SlapdCertificates certificates = SlapdCertificates.issue(ADDRESS);
        String rootPassword = randomPassword();
        SlapdInstanceDirectory instance = SlapdInstanceDirectory.create(certificates, SlapdRoot.DN, rootPassword);
        int ldapsPort = freePort();
        int ldapPort = freePort();
        List<String> command = new ArrayList<>(List.of(slapd.toString(), "-d", debugLevel, "-f", instance.config().toString(),
                "-h", "ldaps://" + ADDRESS + ":" + ldapsPort + "/ ldap://" + ADDRESS + ":" + ldapPort + "/"));
        if (SlapdInstanceDirectory.isRoot()) {
            command.addAll(List.of("-u", SlapdInstanceDirectory.SYSTEM_USER, "-g", SlapdInstanceDirectory.SYSTEM_USER));
        }
        ServerProcess process;
        try {
            process = ServerProcess.start("OpenLDAP slapd", command, Map.of(), instance.path(), instance.log());
        } catch (IOException e) {
            instance.delete();
            throw e;
        }
        SlapdServer server = new SlapdServer(instance, certificates,
                new SlapdRoot(ADDRESS, ldapsPort, certificates.ca(), rootPassword), ldapsPort, ldapPort, process);
        try {
            server.awaitRootBind(timeout);
            try (LDAPConnection connection = server.root.connect()) {
                SlapdTree.load(connection);
            }
            return server;
        } catch (LDAPException e) {
            String log = server.logTail();
            server.close();
            throw new DemoStartException("slapd started but refused the tree (" + e.getResultCode() + ": "
                    + e.getDiagnosticMessage() + "); " + log);
        } catch (DemoStartException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** Polls until a root bind over LDAPS succeeds: the port answers, TLS works and the database is open. */
    private void awaitRootBind(Duration timeout) throws DemoStartException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            try (LDAPConnection ignored = root.connect()) {
                return;
            } catch (LDAPException e) {
                if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                    String why = process.isAlive() ? "did not accept a bind on " + ldapsUrl() + " within " + timeout.toSeconds()
                            + " s (" + e.getResultCode() + ")" : "stopped while starting";
                    throw new DemoStartException("OpenLDAP slapd " + why + "; " + logTail());
                }
            }
            try {
                Thread.sleep(200); // poll interval while slapd opens its listeners
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DemoStartException("Interrupted while starting OpenLDAP slapd.");
            }
        }
    }

    /** {@code ldaps://127.0.0.1:<port>}: the certificate names 127.0.0.1 (IP SAN) and nothing else. */
    public String ldapsUrl() {
        return "ldaps://" + ADDRESS + ":" + ldapsPort;
    }

    /** {@code ldap://127.0.0.1:<port>}: binds succeed only after StartTLS. */
    public String startTlsUrl() {
        return "ldap://" + ADDRESS + ":" + ldapPort;
    }

    public int ldapsPort() {
        return ldapsPort;
    }

    public int ldapPort() {
        return ldapPort;
    }

    /** The CA that issued slapd's certificate, in PEM: the {@code caCertificates} of a registration. */
    public String caPem() {
        return certificates.caPem();
    }

    /** The harness's root DN account, to change entries while DVC looks at them. */
    public SlapdRoot root() {
        return root;
    }

    /**
     * slapd's log ({@code -d none}: start-up errors only; with {@link #startLoggingOperations} also every operation);
     * deleted by {@link #close()}.
     */
    public Path log() {
        return instance.log();
    }

    /** Stops slapd (SIGTERM, then SIGKILL after {@link ServerProcess}'s bounded grace period) and deletes its directory. */
    @Override
    public void close() {
        process.close();
        instance.delete();
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(instance.log());
            return "slapd said: " + lines.subList(Math.max(0, lines.size() - 15), lines.size()).stream()
                    .map(String::strip).collect(Collectors.joining(" | "));
        } catch (IOException e) {
            return "slapd wrote no log";
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        // URL-safe Base64 has no quote or backslash, so it needs no escaping in slapd.conf
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(ADDRESS))) {
            return socket.getLocalPort();
        }
    }
}
