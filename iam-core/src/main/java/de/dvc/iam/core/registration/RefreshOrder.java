package de.dvc.iam.core.registration;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The order in which a metadata refresh round takes the registrations: those never tried first, then the one tried
 * longest ago. A round that runs out of time therefore resumes next time where it stopped, and slow agency servers
 * cannot keep the same registrations at the tail for ever (a fixed order would refresh the head again and again).
 */
public final class RefreshOrder {

    private RefreshOrder() {
    }

    /**
     * @param due         the registrations of this round
     * @param key         a registration's stable key (realm and alias)
     * @param lastAttempt when each key was last tried; missing means never
     * @return the registrations in the order to refresh them; ties (e.g. all never tried) by key, so the order is stable
     */
    public static <T> List<T> order(Collection<T> due, Function<T, String> key, Map<String, Instant> lastAttempt) {
        return due.stream().sorted(Comparator.<T, Instant>comparing(item -> lastAttempt.getOrDefault(key.apply(item), Instant.MIN))
                .thenComparing(key)).toList();
    }
}
