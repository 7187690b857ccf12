package de.dvc.iam.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where realm dvc spends more server CPU than realm stock, case by case: the server's JFR execution samples are
 * attributed to the measured block (case, realm) they fall in, and each method's inclusive samples per 1,000
 * requests are compared between the realms. Shows Keycloak's own code that DVC's configuration makes work (flows,
 * organizations, mappers), not only frames of package de.dvc. Samples are statistical: a difference of a few
 * samples per 1,000 requests is noise.
 */
final class BlockProfile {

    /** One measured block: its case, realm, wall-clock span and request count. */
    record Span(String caseName, String realm, Instant start, Instant end, int requests) {
    }

    private final List<Span> spans = new ArrayList<>();

    synchronized void add(String caseName, String realm, Instant start, Instant end, int requests) {
        spans.add(new Span(caseName, realm, start, end, requests));
    }

    /** The comparison as Markdown, from the recording of the server (written when it stopped). */
    String report(Path recording, String stockRealm, int top) throws IOException {
        // case -> realm -> method -> inclusive samples
        Map<String, Map<String, Map<String, Integer>>> inclusive = new HashMap<>();
        // case -> realm -> method at the top of the stack -> samples (where the CPU is spent itself, any package)
        Map<String, Map<String, Map<String, Integer>>> self = new HashMap<>();
        Map<String, Map<String, Integer>> totals = new HashMap<>();
        // case -> realm -> thread kind (request threads, JIT compiler, GC, ...) -> samples
        Map<String, Map<String, Map<String, Integer>>> threads = new HashMap<>();
        // case -> realm -> allocated bytes (JFR's allocation samples, weighted) and GC pause nanoseconds in the blocks
        Map<String, Map<String, Long>> allocated = new HashMap<>();
        Map<String, Map<String, Long>> paused = new HashMap<>();
        Map<String, Map<String, Integer>> requests = new HashMap<>();
        for (Span span : spans) {
            requests.computeIfAbsent(span.caseName(), k -> new HashMap<>()).merge(span.realm(), span.requests(), Integer::sum);
        }
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                String type = event.getEventType().getName();
                if (type.equals("jdk.ObjectAllocationSample") || type.equals("jdk.GarbageCollection")) {
                    Span span = spanAt(event.getStartTime());
                    if (span != null) {
                        (type.equals("jdk.GarbageCollection") ? paused : allocated).computeIfAbsent(span.caseName(), k -> new HashMap<>())
                                .merge(span.realm(), type.equals("jdk.GarbageCollection") ? event.getDuration("sumOfPauses").toNanos()
                                        : event.getLong("weight"), Long::sum);
                    }
                    continue;
                }
                if (!type.equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                    continue;
                }
                Span span = spanAt(event.getStartTime());
                if (span == null) {
                    continue;
                }
                totals.computeIfAbsent(span.caseName(), k -> new HashMap<>()).merge(span.realm(), 1, Integer::sum);
                threads.computeIfAbsent(span.caseName(), k -> new HashMap<>()).computeIfAbsent(span.realm(), k -> new HashMap<>())
                        .merge(threadKind(event), 1, Integer::sum);
                Set<String> seen = new HashSet<>();
                List<RecordedFrame> frames = event.getStackTrace().getFrames();
                if (!frames.isEmpty() && frames.get(0).getMethod() != null && frames.get(0).getMethod().getType() != null) {
                    self.computeIfAbsent(span.caseName(), k -> new HashMap<>()).computeIfAbsent(span.realm(), k -> new HashMap<>())
                            .merge(frames.get(0).getMethod().getType().getName() + "." + frames.get(0).getMethod().getName(), 1, Integer::sum);
                }
                for (RecordedFrame frame : frames) {
                    if (frame.getMethod() == null || frame.getMethod().getType() == null) {
                        continue;
                    }
                    String method = frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
                    if (seen.add(method)) {
                        inclusive.computeIfAbsent(span.caseName(), k -> new HashMap<>()).computeIfAbsent(span.realm(), k -> new HashMap<>())
                                .merge(method, 1, Integer::sum);
                    }
                }
            }
        }
        StringBuilder out = new StringBuilder("\n## Where realm dvc spends more than realm stock (JFR samples by block)\n\n"
                + "Inclusive execution samples per 1,000 requests of the measured blocks; a method's samples include what it calls. "
                + "Top " + top + " differences of methods of org.keycloak and de.dvc per case.\n");
        for (String caseName : requests.keySet().stream().sorted().toList()) {
            Map<String, Integer> caseRequests = requests.get(caseName);
            Map<String, Map<String, Integer>> byRealm = inclusive.getOrDefault(caseName, Map.of());
            String dvcRealm = caseRequests.keySet().stream().filter(r -> !r.equals(stockRealm)).findFirst().orElse("dvc");
            double dvcScale = 1000.0 / Math.max(1, caseRequests.getOrDefault(dvcRealm, 0));
            double stockScale = 1000.0 / Math.max(1, caseRequests.getOrDefault(stockRealm, 0));
            Map<String, Integer> caseTotals = totals.getOrDefault(caseName, Map.of());
            Map<String, Long> caseAllocated = allocated.getOrDefault(caseName, Map.of());
            Map<String, Long> casePaused = paused.getOrDefault(caseName, Map.of());
            out.append(String.format(Locale.ROOT, "%n### %s%n%nAll samples per 1,000 requests: stock %.0f, dvc %.0f. "
                            + "Allocated per request (JFR's weighted samples): stock %.0f KB, dvc %.0f KB. GC pauses per 1,000 requests: "
                            + "stock %.0f ms, dvc %.0f ms.%n%n", caseName,
                    caseTotals.getOrDefault(stockRealm, 0) * stockScale, caseTotals.getOrDefault(dvcRealm, 0) * dvcScale,
                    caseAllocated.getOrDefault(stockRealm, 0L) * stockScale / 1000 / 1024, caseAllocated.getOrDefault(dvcRealm, 0L) * dvcScale / 1000 / 1024,
                    casePaused.getOrDefault(stockRealm, 0L) * stockScale / 1e6, casePaused.getOrDefault(dvcRealm, 0L) * dvcScale / 1e6));
            Map<String, Map<String, Integer>> kinds = threads.getOrDefault(caseName, Map.of());
            out.append(String.format(Locale.ROOT, "By thread (samples per 1,000 requests; a JFR recording sees Java code only, "
                    + "an async-profiler recording (bench/broker.sh --profile-all) also the JIT compiler, GC and native code): %s%n%n",
                    String.join(", ", THREAD_KINDS.stream().map(kind -> String.format(Locale.ROOT, "%s stock %.0f / dvc %.0f", kind,
                            kinds.getOrDefault(stockRealm, Map.of()).getOrDefault(kind, 0) * stockScale,
                            kinds.getOrDefault(dvcRealm, Map.of()).getOrDefault(kind, 0) * dvcScale)).toList())));
            out.append(String.format("| method | stock | dvc | dvc − stock |%n|---|---|---|---|%n"));
            Map<String, Integer> dvc = byRealm.getOrDefault(dvcRealm, Map.of());
            Map<String, Integer> stock = byRealm.getOrDefault(stockRealm, Map.of());
            Set<String> methods = new HashSet<>(dvc.keySet());
            methods.addAll(stock.keySet());
            table(out, methods.stream().filter(m -> m.startsWith("org.keycloak.") || m.startsWith("de.dvc.")).toList(), stock, dvc,
                    stockScale, dvcScale, top);
            Map<String, Map<String, Integer>> selfByRealm = self.getOrDefault(caseName, Map.of());
            Map<String, Integer> dvcSelf = selfByRealm.getOrDefault(dvcRealm, Map.of());
            Map<String, Integer> stockSelf = selfByRealm.getOrDefault(stockRealm, Map.of());
            Set<String> leaves = new HashSet<>(dvcSelf.keySet());
            leaves.addAll(stockSelf.keySet());
            out.append(String.format(Locale.ROOT, "%nWhere the CPU is spent itself (the method at the top of the stack, any package), "
                    + "top %d differences:%n%n| method | stock | dvc | dvc − stock |%n|---|---|---|---|%n", top));
            table(out, List.copyOf(leaves), stockSelf, dvcSelf, stockScale, dvcScale, top);
        }
        return out.toString();
    }

    private static void table(StringBuilder out, List<String> methods, Map<String, Integer> stock, Map<String, Integer> dvc,
                              double stockScale, double dvcScale, int top) {
        methods.stream().map(m -> Map.entry(m, dvc.getOrDefault(m, 0) * dvcScale - stock.getOrDefault(m, 0) * stockScale))
                .sorted((a, b) -> Double.compare(Math.abs(b.getValue()), Math.abs(a.getValue()))).limit(top)
                .forEach(e -> out.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %+.0f |%n", e.getKey(),
                        stock.getOrDefault(e.getKey(), 0) * stockScale, dvc.getOrDefault(e.getKey(), 0) * dvcScale, e.getValue())));
    }

    private static final List<String> THREAD_KINDS = List.of("requests", "event loop", "JIT compiler", "GC", "other");

    /** What a sampled thread does, by its name: Quarkus' request threads, Vert.x event loops, the JVM's JIT and GC threads. */
    private static String threadKind(RecordedEvent event) {
        jdk.jfr.consumer.RecordedThread thread = event.getThread("sampledThread");
        String name = thread == null ? "" : thread.getJavaName() != null ? thread.getJavaName() : String.valueOf(thread.getOSName());
        if (name.startsWith("executor-thread")) {
            return "requests";
        }
        if (name.startsWith("vert.x-eventloop")) {
            return "event loop";
        }
        if (name.contains("CompilerThread") || name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler") || name.startsWith("Sweeper")) {
            return "JIT compiler";
        }
        if (name.startsWith("GC Thread") || name.startsWith("G1 ") || name.startsWith("VM Thread")) {
            return "GC";
        }
        return "other";
    }

    private synchronized Span spanAt(Instant time) {
        for (Span span : spans) {
            if (!time.isBefore(span.start()) && time.isBefore(span.end())) {
                return span;
            }
        }
        return null;
    }
}
