package de.dvc.iam.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The DVC server's log file as the distribution writes it (one JSON object per line, {@code log-console-output=json}),
 * read from a position on: complete lines only, lines that are not JSON skipped. Not thread-safe.
 */
final class ServerLog {

    /** One log line: when, which logger, which level, and the message. */
    record Entry(Instant time, String logger, String level, String message) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private long position;

    /** A reader of {@code file} from its current end: what the server logs from now on. */
    ServerLog(Path file) throws IOException {
        this.file = file;
        this.position = Files.exists(file) ? Files.size(file) : 0;
    }

    /** A reader of {@code file} from its beginning. */
    static ServerLog fromStart(Path file) throws IOException {
        ServerLog log = new ServerLog(file);
        log.position = 0;
        return log;
    }

    /** The lines written since the last call (or since this reader was made). */
    List<Entry> next() throws IOException {
        List<Entry> entries = new ArrayList<>();
        if (!Files.exists(file)) {
            return entries;
        }
        byte[] bytes;
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long end = in.length();
            if (end <= position) {
                return entries;
            }
            bytes = new byte[(int) Math.min(end - position, 256L * 1024 * 1024)];
            in.seek(position);
            in.readFully(bytes);
        }
        int lastNewline = -1;
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                lastNewline = i;
                break;
            }
        }
        if (lastNewline < 0) {
            return entries;
        }
        position += lastNewline + 1;
        for (String line : new String(bytes, 0, lastNewline, StandardCharsets.UTF_8).split("\n")) {
            if (!line.startsWith("{")) {
                continue;
            }
            try {
                JsonNode node = JSON.readTree(line);
                entries.add(new Entry(Instant.parse(node.path("timestamp").asText()), node.path("loggerName").asText(),
                        node.path("level").asText(), node.path("message").asText()));
            } catch (IOException | RuntimeException e) {
                // a line cut by the server's own output, or not a log record: not ours to read
            }
        }
        return entries;
    }
}
