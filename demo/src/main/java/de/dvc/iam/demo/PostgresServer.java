package de.dvc.iam.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An unprivileged PostgreSQL instance from the machine's packages (Debian {@code postgresql}) for the
 * demo cluster and the cluster tests: {@code initdb} into a directory of ours on first use, then
 * {@code postgres} on 127.0.0.1 and the given port, with a database {@value #DATABASE} and a password
 * login for {@value #USER}.
 *
 * <p>PostgreSQL refuses to run as root. When this JVM is root (CI), the data directory is handed to the
 * {@code postgres} system user the Debian package creates, and the server runs as that user.
 */
public final class PostgresServer {

    public static final String USER = "dvc";
    public static final String DATABASE = "keycloak";
    /** Demo and tests only: the database password of {@value #USER}. */
    public static final String PASSWORD = "dvc-demo-db";
    private static final String SYSTEM_USER = "postgres";

    private final Path bin;
    private final Path dataDir;
    private final Path log;
    private final int port;

    /**
     * @param dataDir where the database lives. When this JVM is root and the {@code postgres} user cannot reach
     *                that directory (a parent without search permission for others, e.g. {@code /root}), it lives in
     *                {@code /var/tmp/dvc-postgres-<hash of dataDir>} instead, and stays there across restarts.
     */
    public PostgresServer(Path dataDir, int port) throws DemoStartException {
        this.bin = findBinaries();
        Path wanted = dataDir.toAbsolutePath();
        this.log = wanted.resolveSibling("postgresql.log");
        this.dataDir = isRoot() && !reachableByOthers(wanted.getParent())
                ? Path.of("/var/tmp", "dvc-postgres-" + Integer.toHexString(wanted.toString().hashCode()), "data")
                : wanted;
        this.port = port;
    }

    /** Every directory from the root down to {@code dir} lets others search it (x for others). */
    private static boolean reachableByOthers(Path dir) {
        for (Path current = dir; current != null; current = current.getParent()) {
            try {
                if (Files.exists(current) && !Files.getPosixFilePermissions(current)
                        .contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
                    return false;
                }
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }
        return true;
    }

    /** Where the database files are (see the constructor). */
    public Path dataDir() {
        return dataDir;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public int port() {
        return port;
    }

    /** Creates the cluster and the database on first use, then starts the server and waits until it accepts logins. */
    public ServerProcess start(Duration timeout) throws IOException, DemoStartException {
        boolean fresh = !Files.exists(dataDir.resolve("PG_VERSION"));
        if (fresh) {
            initdb();
        }
        Path socketDir = dataDir.resolveSibling(dataDir.getFileName() + "-socket");
        Files.createDirectories(socketDir);
        handToServerUser(socketDir);
        List<String> command = asServerUser(List.of(bin.resolve("postgres").toString(), "-D", dataDir.toString(),
                "-h", "127.0.0.1", "-p", Integer.toString(port), "-k", socketDir.toString(),
                // Keycloak's pools: 3 nodes x (default max 100) would exceed PostgreSQL's default of 100.
                "-c", "max_connections=400", "-c", "fsync=on"));
        ServerProcess process = ServerProcess.start("PostgreSQL", command, Map.of(), dataDir.getParent(), log);
        Instant deadline = Instant.now().plus(timeout);
        while (!acceptsLogins()) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                process.close();
                throw new DemoStartException("PostgreSQL did not start on 127.0.0.1:" + port + " within " + timeout.toSeconds()
                        + " s; read " + process.log() + ".");
            }
            sleep(Duration.ofMillis(300));
        }
        if (fresh) {
            run(List.of(bin.resolve("createdb").toString(), "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", USER, DATABASE),
                    "createdb");
        }
        return process;
    }

    private boolean acceptsLogins() {
        try {
            Process ready = new ProcessBuilder(bin.resolve("pg_isready").toString(), "-h", "127.0.0.1", "-p",
                    Integer.toString(port), "-U", USER, "-d", "postgres").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return ready.waitFor(5, TimeUnit.SECONDS) && ready.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void initdb() throws IOException, DemoStartException {
        Files.createDirectories(dataDir);
        Path passwordFile = dataDir.resolveSibling("pg-password");
        Files.writeString(passwordFile, PASSWORD + "\n");
        handToServerUser(dataDir);
        handToServerUser(passwordFile);
        run(asServerUser(List.of(bin.resolve("initdb").toString(), "-D", dataDir.toString(), "-U", USER,
                "--pwfile=" + passwordFile, "--auth=scram-sha-256", "-E", "UTF8", "--locale=C")), "initdb");
        Files.deleteIfExists(passwordFile);
    }

    private void run(List<String> command, String what) throws IOException, DemoStartException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", PASSWORD);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new DemoStartException("PostgreSQL " + what + " failed: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoStartException("Interrupted during PostgreSQL " + what + ".");
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static List<String> asServerUser(List<String> command) {
        if (!isRoot()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", SYSTEM_USER, "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static void handToServerUser(Path path) throws IOException {
        if (!isRoot()) {
            return;
        }
        var owner = path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(SYSTEM_USER);
        Files.setOwner(path, owner);
        if (Files.isDirectory(path)) {
            Files.setPosixFilePermissions(path, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        }
    }

    /** The newest {@code /usr/lib/postgresql/<version>/bin} with {@code initdb} (Debian's layout). */
    static Path findBinaries() throws DemoStartException {
        Path root = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                var found = versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                        .max(Comparator.comparingInt(b -> versionOf(b.getParent())));
                if (found.isPresent()) {
                    return found.get();
                }
            } catch (IOException e) {
                // fall through to the message below
            }
        }
        throw new DemoStartException("PostgreSQL is not installed (no /usr/lib/postgresql/<version>/bin/initdb); on Debian or"
                + " Ubuntu install it with: apt-get install postgresql");
    }

    private static int versionOf(Path dir) {
        try {
            return Integer.parseInt(dir.getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
