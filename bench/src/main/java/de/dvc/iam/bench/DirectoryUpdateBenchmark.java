package de.dvc.iam.bench;

import de.dvc.iam.core.agency.AgencyCsv;
import de.dvc.iam.core.discovery.AgencyDirectory;
import de.dvc.iam.core.discovery.AgencyListing;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The in-memory part of a directory change at national size: a full build of the 11,756-agency directory against
 * replacing one changed agency ({@link AgencyDirectory#replacing}), which is what every node does for each change
 * since the directory became incremental. The database part of an incremental update reads one organization and its
 * IdPs. One command: {@code bench/directory.sh}; result in bench/target/directory-results.md.
 */
public final class DirectoryUpdateBenchmark {

    private static final int ROUNDS = 30;

    private DirectoryUpdateBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of("").toAbsolutePath();
        List<AgencyListing> listings;
        try (Reader reader = Files.newBufferedReader(root.resolve("fixtures/agencies.csv"), StandardCharsets.UTF_8)) {
            listings = AgencyCsv.read(reader).stream().map(row -> new AgencyListing(row.agency(), List.of(row.agency().id()))).toList();
        }
        AgencyDirectory directory = AgencyDirectory.of(listings);
        List<Double> full = new ArrayList<>();
        List<Double> one = new ArrayList<>();
        for (int round = 0; round < ROUNDS + 5; round++) { // the first 5 warm up
            long start = System.nanoTime();
            AgencyDirectory rebuilt = AgencyDirectory.of(listings);
            double fullMs = (System.nanoTime() - start) / 1e6;
            AgencyListing changed = listings.get(round * 97 % listings.size());
            start = System.nanoTime();
            AgencyDirectory replaced = directory.replacing(Set.of(changed.agency().id()), List.of(new AgencyListing(changed.agency(),
                    List.of(changed.agency().id(), "second-idp-" + round))));
            double oneMs = (System.nanoTime() - start) / 1e6;
            if (rebuilt.size() != replaced.size()) {
                throw new IllegalStateException("sizes differ: " + rebuilt.size() + " vs " + replaced.size());
            }
            if (round >= 5) {
                full.add(fullMs);
                one.add(oneMs);
            }
        }
        full.sort(null);
        one.sort(null);
        String report = "# Directory update benchmark (in memory, " + listings.size() + " agencies, " + ROUNDS + " rounds, "
                + Runtime.getRuntime().availableProcessors() + " cores, Java " + Runtime.version() + ")\n\n"
                + "| operation | p50 ms | max ms |\n|---|---|---|\n"
                + String.format(java.util.Locale.ROOT, "| full build (AgencyDirectory.of) | %.1f | %.1f |%n", full.get(ROUNDS / 2), full.get(ROUNDS - 1))
                + String.format(java.util.Locale.ROOT, "| one agency replaced (replacing) | %.1f | %.1f |%n", one.get(ROUNDS / 2), one.get(ROUNDS - 1));
        Path out = root.resolve("bench/target/directory-results.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println(report);
    }
}
