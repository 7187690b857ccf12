package de.dvc.iam.it;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * {@code ./dvc-config ARGS} run as an operator runs it: the packaged command in a process of its own, logged in as the
 * test server's admin, bounded in time.
 *
 * @param exit its exit code
 * @param out  what it wrote to stdout
 * @param err  what it wrote to stderr
 */
record DvcConfigRun(int exit, String out, String err) {

    /** How long one run may take before the test fails. */
    static final Duration LIMIT = Duration.ofMinutes(5);

    @Override
    public String toString() {
        return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }

    /**
     * @param work          where its output goes
     * @param serverUrl     added as {@code --server} unless the arguments name one (or it is {@code validate})
     * @param environment   more variables (secrets the files name)
     * @param interruptWhen a Ctrl-C (SIGINT) goes to the process once it holds for what it wrote to stdout so far
     *                      (checked every 50 ms)
     */
    static DvcConfigRun of(Path work, String serverUrl, Map<String, String> environment, List<String> arguments,
                           Predicate<String> interruptWhen) throws Exception {
        String[] args = arguments.toArray(String[]::new);
        List<String> command = new ArrayList<>(List.of("bash", System.getProperty("dvc.config.command")));
        command.addAll(List.of(args));
        if (!command.contains("--server") && !"validate".equals(args[0])) {
            command.addAll(List.of("--server", serverUrl));
        }
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("DVC_ADMIN_USER", de.dvc.iam.demo.DvcServer.ADMIN_USER);
        builder.environment().put("DVC_ADMIN_PASSWORD", de.dvc.iam.demo.DvcServer.ADMIN_PASSWORD);
        builder.environment().putAll(environment);
        Path out = Files.createTempFile(work, "out-", ".txt");
        Path err = Files.createTempFile(work, "err-", ".txt");
        long began = System.nanoTime();
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        long deadline = began + LIMIT.toNanos();
        boolean interrupted = false;
        while (!interrupted && process.isAlive() && System.nanoTime() < deadline) {
            if (interruptWhen.test(Files.readString(out, StandardCharsets.UTF_8))) {
                // bash execs java: the process is the JVM, whose shutdown hook finishes the objects in flight
                new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor(10, TimeUnit.SECONDS);
                interrupted = true;
            } else {
                process.waitFor(50, TimeUnit.MILLISECONDS);
            }
        }
        if (!process.waitFor(Math.max(1, (deadline - System.nanoTime()) / 1_000_000_000L), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("dvc-config " + String.join(" ", args) + " did not end within " + LIMIT + ": "
                    + Files.readString(err));
        }
        // The time of each run, for docs/federation-operators.md (not asserted: timing is the benchmarks' business).
        System.out.printf("dvc-config %s: exit %d in %.1f s%n", args[0], process.exitValue(), (System.nanoTime() - began) / 1e9);
        return new DvcConfigRun(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
