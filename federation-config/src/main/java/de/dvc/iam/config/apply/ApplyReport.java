package de.dvc.iam.config.apply;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What apply did: every planned change with its {@link Outcome}, whether it was stopped and why.
 *
 * @param stopped why apply stopped before the end (interrupted, server gone); empty if it ran through
 */
public record ApplyReport(List<Outcome> outcomes, Optional<String> stopped, Duration took) {

    public ApplyReport {
        outcomes = List.copyOf(outcomes);
    }

    public List<Outcome> with(Outcome.Status status) {
        return outcomes.stream().filter(o -> o.status() == status).toList();
    }

    /** Whether every planned change was applied. */
    public boolean complete() {
        return outcomes.stream().allMatch(o -> o.status() == Outcome.Status.APPLIED);
    }

    /** Whether anything failed (as opposed to only not having been started). */
    public boolean failures() {
        return outcomes.stream().anyMatch(o -> o.status() == Outcome.Status.FAILED || o.status() == Outcome.Status.PARTLY_APPLIED);
    }
}
