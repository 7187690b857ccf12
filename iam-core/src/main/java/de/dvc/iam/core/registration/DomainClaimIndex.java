package de.dvc.iam.core.registration;

import de.dvc.iam.core.email.EmailAddress;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link DomainClaims} for a whole federation at once: every agency's domains checked against every other
 * agency's, as {@link DomainClaims#check} does for one registration, without comparing every pair. At 12,000
 * agencies the pairs are 144 million; here each domain is looked up by its own name, its parents, its
 * children and those of its skeleton, and only those candidates (usually none) go to {@link DomainClaims#check},
 * so the findings, their codes and messages are the same.
 *
 * <p>Immutable once built and thread-safe.
 */
public final class DomainClaimIndex {

    /** A domain, or its skeleton, → the agencies holding it. */
    private final Map<String, Set<String>> exact = new HashMap<>();
    private final Map<String, Set<String>> exactSkeleton = new HashMap<>();
    /** A name → the agencies holding it or a domain below it; likewise for skeletons. */
    private final Map<String, Set<String>> under = new HashMap<>();
    private final Map<String, Set<String>> underSkeleton = new HashMap<>();
    private final Map<String, List<String>> domains;

    private DomainClaimIndex(Map<String, List<String>> domains) {
        this.domains = domains;
        domains.forEach((agency, list) -> list.forEach(raw -> EmailAddress.asciiDomain(raw == null ? null : raw.strip())
                .ifPresent(domain -> {
                    index(domain, agency, exact, under);
                    index(DomainSkeleton.of(domain), agency, exactSkeleton, underSkeleton);
                })));
    }

    /** @param domainsByAgency agency id → the domains it claims (invalid entries are reported, not indexed) */
    public static DomainClaimIndex of(Map<String, ? extends Collection<String>> domainsByAgency) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        domainsByAgency.forEach((agency, list) -> copy.put(agency, List.copyOf(list)));
        return new DomainClaimIndex(copy);
    }

    /** The findings on {@code agency}'s domains, as {@link DomainClaims#check} gives them against all other agencies. */
    public List<Finding> check(String agency) {
        List<String> claimed = domains.getOrDefault(agency, List.of());
        return DomainClaims.check(claimed, othersRelatedTo(agency, claimed));
    }

    /**
     * The findings of each of {@code agency}'s domains on its own, for callers that point at the domain (a line
     * of a file): domain as claimed → its findings; domains without findings are left out.
     */
    public Map<String, List<Finding>> checkEach(String agency) {
        Map<String, List<Finding>> findings = new LinkedHashMap<>();
        for (String claimed : new LinkedHashSet<>(domains.getOrDefault(agency, List.of()))) {
            List<Finding> own = DomainClaims.check(List.of(claimed), othersRelatedTo(agency, List.of(claimed)));
            if (!own.isEmpty()) {
                findings.put(claimed, own);
            }
        }
        return findings;
    }

    private List<String> othersRelatedTo(String agency, List<String> claimed) {
        Set<String> candidates = new LinkedHashSet<>();
        for (String raw : claimed) {
            EmailAddress.asciiDomain(raw == null ? null : raw.strip()).ifPresent(domain -> {
                related(domain, exact, under, agency, candidates);
                related(DomainSkeleton.of(domain), exactSkeleton, underSkeleton, agency, candidates);
            });
        }
        List<String> others = new ArrayList<>();
        for (String other : candidates) {
            others.addAll(domains.get(other));
        }
        return others;
    }

    private static void index(String name, String agency, Map<String, Set<String>> exact, Map<String, Set<String>> under) {
        exact.computeIfAbsent(name, k -> new LinkedHashSet<>()).add(agency);
        for (String parent : selfAndParents(name)) {
            under.computeIfAbsent(parent, k -> new LinkedHashSet<>()).add(agency);
        }
    }

    /** Agencies (not {@code self}) with a domain equal to {@code name}, below it, or one of its parents. */
    private static void related(String name, Map<String, Set<String>> exact, Map<String, Set<String>> under, String self,
                                Set<String> out) {
        under.getOrDefault(name, Set.of()).stream().filter(a -> !a.equals(self)).forEach(out::add);
        for (String parent : selfAndParents(name)) {
            exact.getOrDefault(parent, Set.of()).stream().filter(a -> !a.equals(self)).forEach(out::add);
        }
    }

    /** {@code a.b.example}, {@code b.example}: the name and its parents of at least two labels. */
    private static List<String> selfAndParents(String domain) {
        List<String> names = new ArrayList<>();
        String name = domain;
        while (name.indexOf('.') > 0) {
            names.add(name);
            name = name.substring(name.indexOf('.') + 1);
        }
        return names;
    }
}
