package de.dvc.iam.config.apply;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Progress on stderr for long runs: {@code 1234/12000 (10%) · 45.2 objects/s · ETA 3m58s · 2 not applied}. On a
 * terminal one line, rewritten at most once a second; in a log (CI) a line every {@value #LOG_SECONDS} seconds.
 * Silent for runs that end within {@value #QUIET_SECONDS} seconds. Thread-safe.
 */
public final class ProgressLine implements Progress {

    static final int QUIET_SECONDS = 2;
    static final int LOG_SECONDS = 10;

    private final PrintWriter err;
    private final boolean terminal;
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger notApplied = new AtomicInteger();
    private final AtomicLong lastShown = new AtomicLong();
    private volatile int total;
    private volatile long start;
    private volatile boolean shown;

    /** @param terminal whether stderr is a terminal (rewrite one line) or a log (append lines) */
    public ProgressLine(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    @Override
    public void started(int total) {
        this.total = total;
        this.start = System.nanoTime();
        this.lastShown.set(start);
    }

    @Override
    public void done(boolean failed) {
        int count = done.incrementAndGet();
        if (failed) {
            notApplied.incrementAndGet();
        }
        long now = System.nanoTime();
        long last = lastShown.get();
        long interval = (terminal ? 1L : LOG_SECONDS) * 1_000_000_000L;
        if (now - start >= QUIET_SECONDS * 1_000_000_000L && now - last >= interval && lastShown.compareAndSet(last, now)) {
            show(format(count, total, now - start, notApplied.get()), false);
        }
    }

    @Override
    public void finished() {
        if (shown) {
            show(format(done.get(), total, System.nanoTime() - start, notApplied.get()), true);
        }
    }

    private synchronized void show(String line, boolean last) {
        shown = true;
        if (terminal) {
            err.print("\r" + line + "\u001b[K" + (last ? "\n" : ""));
        } else {
            err.println(line);
        }
        err.flush();
    }

    /** The line, e.g. {@code 1234/12000 (10%) · 45.2 objects/s · ETA 3m58s}. */
    static String format(int done, int total, long elapsedNanos, int notApplied) {
        double seconds = Math.max(elapsedNanos / 1e9, 1e-3);
        double rate = done / seconds;
        String eta = rate <= 0 ? "?" : duration(Math.round((total - done) / rate));
        return String.format(Locale.ROOT, "apply: %d/%d (%d%%) · %.1f objects/s · ETA %s%s", done, total,
                total == 0 ? 100 : done * 100 / total, rate, eta, notApplied == 0 ? "" : " · " + notApplied + " not applied");
    }

    static String duration(long seconds) {
        return seconds >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60)
                : String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
    }
}
