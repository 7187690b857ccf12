package de.dvc.iam.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The heap of a server JVM this benchmark started, read with the JDK's own tools: {@code jcmd GC.run} (a full
 * collection, so that what stays is what the server holds), then {@code jstat -gc} (capacities and use per space, kB).
 */
record JvmHeap(long pid, double usedMegabytes, double committedMegabytes, double metaspaceMegabytes) {

    /**
     * The heap of the JVM among this process's descendants whose command line names {@code stateDir} (the server's
     * database path), after a full collection.
     */
    static Optional<JvmHeap> afterFullGc(Path stateDir) throws IOException, InterruptedException {
        String marker = stateDir.toAbsolutePath().toString();
        Optional<ProcessHandle> server = ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .filter(p -> p.info().arguments().map(a -> Arrays.stream(a).anyMatch(arg -> arg.contains(marker))).orElse(false))
                .findFirst();
        if (server.isEmpty()) {
            return Optional.empty();
        }
        long pid = server.get().pid();
        run("jcmd", Long.toString(pid), "GC.run");
        String[] lines = run("jstat", "-gc", Long.toString(pid)).trim().split("\n");
        String[] names = lines[0].trim().split("\\s+");
        String[] values = lines[lines.length - 1].trim().split("\\s+");
        Map<String, Double> kb = new HashMap<>();
        for (int i = 0; i < Math.min(names.length, values.length); i++) {
            try {
                kb.put(names[i], Double.parseDouble(values[i]));
            } catch (NumberFormatException e) {
                // a column without a value (e.g. "-" for a space this collector does not have)
            }
        }
        double used = sum(kb, "S0U", "S1U", "EU", "OU");
        double committed = sum(kb, "S0C", "S1C", "EC", "OC");
        return Optional.of(new JvmHeap(pid, used / 1024, committed / 1024, kb.getOrDefault("MU", 0.0) / 1024));
    }

    private static double sum(Map<String, Double> kb, String... names) {
        return List.of(names).stream().mapToDouble(n -> kb.getOrDefault(n, 0.0)).sum();
    }

    private static String run(String tool, String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", tool).toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException(tool + " " + String.join(" ", arguments) + " failed: " + output.strip());
        }
        return output;
    }
}
