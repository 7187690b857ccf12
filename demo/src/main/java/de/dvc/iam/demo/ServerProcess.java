package de.dvc.iam.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A server the demo or a test starts as a child process: output to a log file, ready when a URL
 * answers 200, stopped gracefully (SIGTERM, then kill after a grace period).
 */
public final class ServerProcess implements AutoCloseable {

    private static final Duration GRACE = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final Path log;

    private ServerProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    public static ServerProcess start(String name, List<String> command, Map<String, String> environment,
                                      Path workDir, Path log) throws IOException {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        return new ServerProcess(name, builder.start(), log);
    }

    /**
     * Waits until {@code readyUrl} answers 200, at most {@code timeout}; on failure the process is stopped.
     *
     * @throws DemoStartException if the process ends first or the time runs out, naming the log
     */
    public void awaitReady(URI readyUrl, Duration timeout) throws DemoStartException {
        try {
            pollUntilReady(readyUrl, timeout);
        } catch (DemoStartException e) {
            close();
            throw e;
        }
    }

    private void pollUntilReady(URI readyUrl, Duration timeout) throws DemoStartException {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest request = HttpRequest.newBuilder(readyUrl).timeout(Duration.ofSeconds(5)).GET().build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new DemoStartException(name + " stopped while starting (exit code " + process.exitValue()
                        + "); read " + log + " for the reason.");
            }
            try {
                if (HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DemoStartException("Interrupted while waiting for " + name + ".");
            }
            pause();
        }
        throw new DemoStartException(name + " was not ready after " + timeout.toSeconds() + " s; read " + log + ".");
    }

    /** Resident memory of the process and its children in kB (Linux /proc; 0 where unavailable). */
    public long rssKilobytes() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(process.toHandle()), process.descendants())
                .mapToLong(handle -> {
                    try {
                        return Files.readAllLines(Path.of("/proc", Long.toString(handle.pid()), "status")).stream()
                                .filter(line -> line.startsWith("VmRSS:"))
                                .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", ""))).sum();
                    } catch (IOException | RuntimeException e) {
                        return 0;
                    }
                }).sum();
    }

    /**
     * CPU time the process and its children have used so far, user plus system, in milliseconds (Linux
     * /proc, clock ticks of 10 ms; 0 where unavailable). Benchmarks read it around a phase to report
     * the server's CPU cost per request, which the client sharing the machine does not blur.
     */
    public long cpuMillis() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(process.toHandle()), process.descendants())
                .mapToLong(handle -> cpuMillisOf(Path.of("/proc", Long.toString(handle.pid()))))
                .sum();
    }

    /** User plus system CPU of one process or thread, from its /proc directory's {@code stat}; 0 where unreadable. */
    private static long cpuMillisOf(Path procDirectory) {
        try {
            String stat = Files.readString(procDirectory.resolve("stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields[11] is utime and fields[12] stime (fields 14 and 15 of proc(5), counted after the name)
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
        } catch (IOException | RuntimeException e) {
            return 0; // gone meanwhile, or not Linux
        }
    }

    /**
     * CPU time of those threads of the process and its children whose name starts with one of {@code prefixes}, user
     * plus system, in milliseconds (Linux /proc: a thread's {@code comm} holds the first 15 characters of its name, e.g.
     * "C2 CompilerThre" for the JVM's JIT compiler threads); 0 where unavailable. A thread that ended takes its time
     * with it: a difference of two readings then comes out too low.
     */
    public long threadCpuMillis(List<String> prefixes) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(process.toHandle()), process.descendants())
                .flatMap(handle -> {
                    try (var tasks = Files.list(Path.of("/proc", Long.toString(handle.pid()), "task"))) {
                        return tasks.toList().stream();
                    } catch (IOException | RuntimeException e) {
                        return java.util.stream.Stream.<Path>empty();
                    }
                })
                .filter(task -> {
                    try {
                        String comm = Files.readString(task.resolve("comm")).strip();
                        return prefixes.stream().anyMatch(comm::startsWith);
                    } catch (IOException e) {
                        return false; // the thread ended meanwhile
                    }
                })
                .mapToLong(ServerProcess::cpuMillisOf)
                .sum();
    }

    /** Ends the process and its children at once (SIGKILL, like {@code kill -9}): failure tests. */
    public void kill() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    /** Blocks until the process ends or {@code timeout} passes; true if it ended. */
    public boolean waitFor(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        // Children first (kc.sh starts the JVM as a child), then the process itself.
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(500); // poll interval while waiting for readiness
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
