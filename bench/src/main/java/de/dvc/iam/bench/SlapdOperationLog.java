package de.dvc.iam.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What reached the OpenLDAP slapd of a benchmark, read from its operation log ({@code -d stats},
 * {@link de.dvc.iam.demo.SlapdServer#startLoggingOperations}): connections opened (each one a TCP and TLS handshake),
 * binds, searches and other operations, counted between a {@link #mark()} and now. slapd writes one request line per
 * operation ({@code conn=1004 op=1 SRCH base="…"}, {@code conn=1004 op=2 BIND dn="…" method=128}); the lines that
 * follow for the same operation (attributes asked for, the bind's mechanism, the result) are not counted again.
 * Not thread-safe; one reader at a time.
 */
final class SlapdOperationLog {

    /**
     * Operations counted between two marks, and the filters of the searches (UUIDs in them written as UUID, other numbers as N,
     * so that one kind of search is one key).
     */
    record Operations(long connections, long binds, long searches, long others, Map<String, Long> searchFilters) {
        Operations plus(Operations other) {
            Map<String, Long> filters = new TreeMap<>(searchFilters);
            other.searchFilters.forEach((filter, count) -> filters.merge(filter, count, Long::sum));
            return new Operations(connections + other.connections, binds + other.binds, searches + other.searches,
                    others + other.others, filters);
        }
    }

    private static final Pattern OPERATION = Pattern.compile(" conn=\\d+ op=\\d+ (BIND|SRCH|MOD|MODRDN|ADD|DEL|CMP|EXT|ABANDON|UNBIND)\\b(.*)");

    private static final Pattern FILTER = Pattern.compile(" filter=\"([^\"]*)\"");

    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    private final Path log;

    SlapdOperationLog(Path log) {
        this.log = log;
    }

    /** The log's current end: operations after it are counted by {@link #since}. */
    long mark() throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            return file.length();
        }
    }

    /**
     * The operations logged after {@code mark}. Waits 300 ms first, so that slapd has written the lines of operations
     * that ended just before (it writes a line when it has answered).
     */
    Operations since(long mark) throws IOException, InterruptedException {
        Thread.sleep(300);
        long connections = 0;
        long binds = 0;
        long searches = 0;
        long others = 0;
        Map<String, Long> filters = new TreeMap<>();
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            file.seek(mark);
            byte[] rest = new byte[(int) Math.min(Integer.MAX_VALUE - 8, file.length() - mark)];
            file.readFully(rest);
            for (String line : new String(rest, StandardCharsets.UTF_8).split("\n")) {
                if (line.contains(" ACCEPT from ")) {
                    connections++;
                    continue;
                }
                Matcher operation = OPERATION.matcher(line);
                if (!operation.find()) {
                    continue;
                }
                String detail = operation.group(2);
                switch (operation.group(1)) {
                    case "BIND" -> binds += detail.contains(" method=") ? 1 : 0; // the second BIND line names the mechanism
                    case "SRCH" -> {
                        if (detail.startsWith(" base=")) { // "SRCH attr=…" continues the request
                            searches++;
                            Matcher filter = FILTER.matcher(detail);
                            filters.merge(filter.find() ? filter.group(1).replaceAll(UUID, "UUID").replaceAll("\\d+", "N") : "?", 1L, Long::sum);
                        }
                    }
                    default -> others++;
                }
            }
        }
        return new Operations(connections, binds, searches, others, filters);
    }
}
