package de.dvc.iam.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A DVC IAM cluster on one machine: PostgreSQL, {@code size} server nodes and HAProxy in front, all unprivileged
 * on 127.0.0.1. Used by {@code ./dvc-demo --cluster N} and by the cluster failure tests, which also kill and
 * restart its parts.
 *
 * <p>Ports: the load balancer on {@code ports.balancer()}; node {@code i} (0-based) on {@code ports.http() + i},
 * management {@code ports.management() + i}, JGroups {@code ports.jgroups() + i} and its failure detection
 * port + 50000; PostgreSQL on {@code ports.database()}.
 */
public final class DemoCluster implements AutoCloseable {

    public record Ports(int balancer, int http, int management, int jgroups, int database) {
    }

    /** Infinispan's cluster view line: "ISPN000094: Received new cluster view for channel ISPN: [a|3] (3) [a, b, c]". */
    private static final Pattern VIEW = Pattern.compile("ISPN000094: Received new cluster view for channel \\S+: \\[[^]]*] \\((\\d+)\\)");

    private final Path home;
    private final Path stateDir;
    private final int size;
    private final Ports ports;
    private final List<String> options;
    private final PostgresServer database;
    private final LoadBalancer balancer;
    private final DvcServer[] nodes;
    private final ServerProcess[] running;
    private ServerProcess databaseProcess;
    private ServerProcess balancerProcess;

    /**
     * @param home    the cluster build of the distribution ({@code distribution/target/dvc-iam-cluster})
     * @param options further server options of every node
     */
    public DemoCluster(Path home, Path stateDir, int size, Ports ports, List<String> options) throws DemoStartException {
        if (size < 1 || size > 9) {
            throw new DemoStartException("A demo cluster has 1 to 9 nodes, not " + size + ".");
        }
        this.home = home;
        this.stateDir = stateDir;
        this.size = size;
        this.ports = ports;
        this.options = List.copyOf(options);
        this.database = new PostgresServer(stateDir.resolve("postgresql"), ports.database());
        List<LoadBalancer.Backend> backends = new ArrayList<>();
        this.nodes = new DvcServer[size];
        this.running = new ServerProcess[size];
        String frontend = "http://localhost:" + ports.balancer();
        for (int i = 0; i < size; i++) {
            String name = nodeName(i);
            backends.add(new LoadBalancer.Backend(name, ports.http() + i, ports.management() + i));
            nodes[i] = DvcServer.clusterNode(home, stateDir, ports.http() + i, ports.management() + i, this.options,
                    new DvcServer.ClusterNode(name, database.jdbcUrl(), PostgresServer.USER, PostgresServer.PASSWORD,
                            ports.jgroups() + i, frontend));
        }
        this.balancer = new LoadBalancer(stateDir, ports.balancer(), backends);
    }

    /**
     * Free loopback ports for a cluster of {@code size} (tests, benchmarks): consecutive ones for the nodes' HTTP,
     * management and JGroups ports (JGroups also needs its port + 50000 for failure detection), single ones for the
     * load balancer and PostgreSQL.
     */
    public static Ports freeLoopbackPorts(int size) throws IOException {
        return new Ports(freePort(), freeRange(20_000, size, 0), freeRange(24_000, size, 0), freeRange(10_000, size, 50_000), freePort());
    }

    private static int freeRange(int from, int count, int mirrorOffset) throws IOException {
        for (int base = from; base < from + 3_000; base += count) {
            boolean free = true;
            for (int i = 0; i < count && free; i++) {
                free = isFree(base + i) && (mirrorOffset == 0 || isFree(base + i + mirrorOffset));
            }
            if (free) {
                return base;
            }
        }
        throw new IOException("No " + count + " consecutive free loopback ports from " + from);
    }

    private static boolean isFree(int port) {
        try (java.net.ServerSocket socket = new java.net.ServerSocket()) {
            socket.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** CPU time all processes of the cluster have used so far (nodes, database, load balancer), in milliseconds. */
    public long cpuMillis() {
        return processes().stream().mapToLong(ServerProcess::cpuMillis).sum();
    }

    public static String nodeName(int index) {
        return "node" + (index + 1);
    }

    public int size() {
        return size;
    }

    /** The federation as browsers, services and agency IdPs reach it: the load balancer. */
    public String url() {
        return balancer.url();
    }

    public DvcServer node(int index) {
        return nodes[index];
    }

    public ServerProcess process(int index) {
        return running[index];
    }

    public PostgresServer database() {
        return database;
    }

    /**
     * Starts the database, the first node (it creates or migrates the schema alone), the other nodes together,
     * and the load balancer; returns when all nodes are ready and see each other in one cluster view.
     */
    public void start(Duration timeout) throws IOException, DemoStartException {
        Files.createDirectories(stateDir);
        Instant deadline = Instant.now().plus(timeout);
        databaseProcess = database.start(Duration.ofMinutes(1));
        running[0] = nodes[0].start(remaining(deadline));
        if (size > 1) {
            ExecutorService starter = Executors.newFixedThreadPool(size - 1);
            try {
                List<Future<ServerProcess>> starts = new ArrayList<>();
                for (int i = 1; i < size; i++) {
                    DvcServer node = nodes[i];
                    starts.add(starter.submit(() -> node.start(remaining(deadline))));
                }
                for (int i = 1; i < size; i++) {
                    running[i] = await(starts.get(i - 1));
                }
            } finally {
                starter.shutdownNow();
            }
        }
        awaitClusterView(size, remaining(deadline));
        balancerProcess = balancer.start(Duration.ofSeconds(30));
    }

    /** {@code kill -9} of a node's JVM: no shutdown, no leave message to the cluster. */
    public void kill(int index) throws InterruptedException {
        running[index].kill();
    }

    /** A graceful stop of one node (SIGTERM). */
    public void stop(int index) {
        running[index].close();
    }

    /** Starts a stopped or killed node again, on its ports. */
    public void restart(int index, Duration timeout) throws IOException, DemoStartException {
        running[index] = nodes[index].start(timeout);
    }

    /** {@code kill -9} of PostgreSQL (the postmaster and its backends). */
    public void killDatabase() throws InterruptedException {
        databaseProcess.kill();
    }

    public void restartDatabase(Duration timeout) throws IOException, DemoStartException {
        databaseProcess = database.start(timeout);
    }

    /** All processes of the cluster, the load balancer first and the database last (the order to stop them in). */
    public List<ServerProcess> processes() {
        List<ServerProcess> all = new ArrayList<>();
        if (balancerProcess != null) {
            all.add(balancerProcess);
        }
        for (ServerProcess node : running) {
            if (node != null) {
                all.add(node);
            }
        }
        if (databaseProcess != null) {
            all.add(databaseProcess);
        }
        return all;
    }

    /**
     * Waits until every running node's latest Infinispan cluster view has {@code members} members.
     *
     * @throws DemoStartException if that does not happen within {@code timeout}
     */
    public void awaitClusterView(int members, Duration timeout) throws DemoStartException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            boolean all = true;
            for (ServerProcess node : running) {
                if (node != null && node.isAlive() && latestView(node.log()) != members) {
                    all = false;
                }
            }
            if (all) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new DemoStartException("The nodes did not form a cluster of " + members + " within " + timeout.toSeconds()
                        + " s; read the node logs in " + stateDir + " (JGroups ports " + ports.jgroups() + "+, database "
                        + database.jdbcUrl() + ").");
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DemoStartException("Interrupted while waiting for the cluster view.");
            }
        }
    }

    /** Size of the last cluster view a node logged, 0 if none yet. */
    static int latestView(Path log) {
        int latest = 0;
        try (var lines = Files.lines(log)) {
            for (String line : (Iterable<String>) lines::iterator) {
                Matcher matcher = VIEW.matcher(line);
                if (matcher.find()) {
                    latest = Integer.parseInt(matcher.group(1));
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0;
        }
        return latest;
    }

    private static Duration remaining(Instant deadline) {
        Duration left = Duration.between(Instant.now(), deadline);
        return left.isNegative() ? Duration.ZERO : left;
    }

    private static ServerProcess await(Future<ServerProcess> start) throws IOException, DemoStartException {
        try {
            return start.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoStartException("Interrupted while starting the nodes.");
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof DemoStartException start2) {
                throw start2;
            }
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        processes().forEach(ServerProcess::close);
    }
}
