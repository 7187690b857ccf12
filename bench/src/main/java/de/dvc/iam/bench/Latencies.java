package de.dvc.iam.bench;

import java.util.Arrays;
import java.util.List;

/** Collected request durations and sizes of one measured case. Not thread-safe. */
final class Latencies {

    private final long[] nanos;
    private long bytes;
    private int count;

    Latencies(int capacity) {
        this.nanos = new long[capacity];
    }

    void add(long durationNanos, long responseBytes) {
        nanos[count++] = durationNanos;
        bytes = responseBytes;
    }

    /** One case's durations from several blocks (the ABBA halves of a round). */
    static Latencies merged(List<Latencies> parts) {
        Latencies all = new Latencies(parts.stream().mapToInt(Latencies::count).sum());
        for (Latencies part : parts) {
            for (int i = 0; i < part.count; i++) {
                all.add(part.nanos[i], part.bytes);
            }
        }
        return all;
    }

    /** The p-th percentile in milliseconds; NaN when there are no durations. */
    double percentileMillis(double p) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * count) - 1;
        return sorted[Math.max(0, Math.min(count - 1, index))] / 1_000_000.0;
    }

    /** How many durations exceed {@code millis}. */
    int countAbove(double millis) {
        int above = 0;
        for (int i = 0; i < count; i++) {
            above += nanos[i] / 1_000_000.0 > millis ? 1 : 0;
        }
        return above;
    }

    long lastBytes() {
        return bytes;
    }

    int count() {
        return count;
    }
}
