package de.dvc.iam.bench;

import de.dvc.iam.demo.DemoCluster;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The measured part of {@link DirectoryClusterBenchmark}: per round a new agency's registration approved through node 1
 * and every node's search polled until it lists the IdP, then the registration suspended through node 1 and every node
 * polled until it no longer lists it. A pause of 1 to 3 s (fixed seed) before each transition lets its moment fall at
 * every phase of the nodes' 2-s change poll.
 */
final class DirectoryChangeRounds {

    private final DemoCluster cluster;
    private final ProbeRegistrations probes;
    private final DirectoryClusterReport report;
    private final PrintStream out = System.out;

    DirectoryChangeRounds(DemoCluster cluster, ProbeRegistrations probes, DirectoryClusterReport report) {
        this.cluster = cluster;
        this.probes = probes;
        this.report = report;
    }

    void run(int rounds) throws Exception {
        String node1 = cluster.node(0).nodeUrl();
        String run = letters(System.currentTimeMillis() / 1000);
        List<ProbeRegistrations.Probe> created = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            created.add(probes.create(node1, "dirbench-" + run + "-" + round, "Zm" + run + letters(round + 26)));
        }
        List<DiscoveryWatch> watches = new ArrayList<>();
        for (int i = 0; i < cluster.size(); i++) {
            watches.add(new DiscoveryWatch(cluster.node(i).nodeUrl()));
        }
        Random pause = new Random(20261201L);
        ExecutorService pollers = Executors.newFixedThreadPool(cluster.size());
        try {
            Thread.sleep(5_000); // the set-up's own directory changes reach every node first
            for (int round = 0; round < rounds; round++) {
                ProbeRegistrations.Probe probe = created.get(round);
                for (DiscoveryWatch watch : watches) {
                    DiscoveryWatch.Answer before = watch.search(probe.word());
                    if (!before.usable() || before.idps().contains(probe.alias())) {
                        throw new IllegalStateException("Before its approval " + probe.alias() + " is listed, or a node does not answer: " + before);
                    }
                }
                Thread.sleep(1_000 + pause.nextInt(2_000));
                report.approved(event(pollers, watches, node1, probe, "approve", "active", true));
                Thread.sleep(1_000 + pause.nextInt(2_000));
                report.suspended(event(pollers, watches, node1, probe, "suspend", "suspended", false));
                out.printf("round %d of %d done%n", round + 1, rounds);
            }
        } finally {
            pollers.shutdownNow();
        }
    }

    /** The transition through node 1, then every node polled until it lists (or no longer lists) the probe's IdP. */
    private DirectoryClusterReport.Event event(ExecutorService pollers, List<DiscoveryWatch> watches, String node1,
                                               ProbeRegistrations.Probe probe, String action, String expected, boolean present)
            throws Exception {
        probes.freshToken();
        long began = System.nanoTime();
        probes.transition(node1, probe, action, expected);
        double answered = (System.nanoTime() - began) / 1e9;
        List<Future<DiscoveryWatch.Seen>> seen = new ArrayList<>();
        for (DiscoveryWatch watch : watches) {
            seen.add(pollers.submit(() -> watch.await(probe.word(), probe.alias(), present, began)));
        }
        List<DiscoveryWatch.Seen> perNode = new ArrayList<>();
        for (Future<DiscoveryWatch.Seen> future : seen) {
            perNode.add(future.get(DiscoveryWatch.LIMIT.toSeconds() + 30, TimeUnit.SECONDS));
        }
        return new DirectoryClusterReport.Event(answered, perNode);
    }

    /** {@code n} in the letters a–z, lowest digit last: the search reads a name of them as one word of its own. */
    private static String letters(long n) {
        StringBuilder word = new StringBuilder();
        long rest = n;
        do {
            word.insert(0, (char) ('a' + rest % 26));
            rest /= 26;
        } while (rest > 0);
        return word.toString();
    }
}
