package de.dvc.iam.core.registration;

import com.google.common.net.InternetDomainName;
import de.dvc.iam.core.email.EmailAddress;

import java.net.IDN;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which email domains an agency may claim when it registers its IdP. A verified domain lets the
 * agency's IdP assert every address in it (domain binding) and routes every such address to it
 * (discovery), so a claim is refused, before any proof is asked for, when it would reach beyond the
 * agency:
 * <ul>
 *   <li>{@code domain_public_suffix}: a public suffix ({@code de}, {@code co.uk}, {@code github.io})
 *       or a name under none: below a suffix, every name belongs to someone else. The suffixes are
 *       the Public Suffix List (publicsuffix.org, ICANN and private sections) as Guava ships it,
 *       plus {@code example} and {@code test}, reserved for documentation and testing (RFC 2606,
 *       RFC 6761): the demo federation uses them, and no one can prove them in the public DNS;</li>
 *   <li>{@code domain_homograph}: an internationalized label that mixes scripts, that is drawn
 *       entirely like an ASCII label, or a domain drawn like a domain of another agency
 *       ({@link DomainSkeleton}), so that users would take one agency's addresses for another's;</li>
 *   <li>{@code domain_taken}: a domain of another agency;</li>
 *   <li>{@code domain_overlaps}: a parent or a child of a domain of another agency: discovery routes
 *       by the most specific domain, so either would take over part of the other agency's users.</li>
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class DomainClaims {

    private static final Set<String> TEST_SUFFIXES = Set.of("example", "test");
    private static final int NAMED = 3;

    private DomainClaims() {
    }

    /**
     * The findings (errors) on the domains an agency claims.
     *
     * @param claimedDomains        the domains of the registration, as submitted
     * @param otherAgenciesDomains  every domain of every other agency (verified or declared); invalid entries are ignored
     * @return one finding per problem, in the order of {@code claimedDomains}; empty if all may be claimed
     */
    public static List<Finding> check(Collection<String> claimedDomains, Collection<String> otherAgenciesDomains) {
        Map<String, String> others = new TreeMap<>();
        for (String other : otherAgenciesDomains) {
            EmailAddress.asciiDomain(other == null ? null : other.strip()).ifPresent(d -> others.put(d, DomainSkeleton.of(d)));
        }
        List<Finding> findings = new ArrayList<>();
        for (String claimed : new LinkedHashSet<>(claimedDomains)) {
            String raw = claimed == null ? "" : claimed.strip();
            Optional<String> domain = EmailAddress.asciiDomain(raw);
            if (domain.isEmpty() && raw.matches("[A-Za-z0-9-]{1,63}")) {
                findings.add(publicSuffix(raw, "is a top-level domain"));
            } else if (domain.isEmpty()) {
                findings.add(Finding.error("domain_invalid", "'" + abbreviate(raw) + "' is not a domain name.",
                        "Give each domain as it appears in your email addresses after the @, e.g. senfin.berlin.de."));
            } else if (!underPublicSuffix(domain.get())) {
                findings.add(publicSuffix(domain.get(), InternetDomainName.isValid(domain.get())
                        && InternetDomainName.from(domain.get()).isPublicSuffix()
                        ? "is a public suffix (publicsuffix.org)" : "ends in no public suffix (publicsuffix.org) such as de or eu"));
            } else {
                homograph(domain.get(), others).ifPresent(findings::add);
                overlap(domain.get(), others.keySet()).ifPresent(findings::add);
            }
        }
        return findings;
    }

    private static boolean underPublicSuffix(String domain) {
        String tld = domain.substring(domain.lastIndexOf('.') + 1);
        return TEST_SUFFIXES.contains(tld) || InternetDomainName.isValid(domain) && InternetDomainName.from(domain).isUnderPublicSuffix();
    }

    private static Finding publicSuffix(String domain, String what) {
        return Finding.error("domain_public_suffix", "The domain " + domain + " " + what
                        + ": it is no domain of one agency (like de, co.uk or github.io, or internal names such as .local), "
                        + "so it cannot be claimed.",
                "Register the domain your agency's addresses end in, as registered to your agency in the public DNS, "
                        + "e.g. senfin.berlin.de.");
    }

    private static Optional<Finding> homograph(String domain, Map<String, String> others) {
        String skeleton = DomainSkeleton.of(domain);
        for (Map.Entry<String, String> other : others.entrySet()) {
            boolean lookAlike = related(skeleton, other.getValue()) && !related(domain, other.getKey());
            if (lookAlike) {
                return Optional.of(homographFinding(domain, "is drawn like " + other.getKey() + ", a domain of another agency"));
            }
        }
        for (String label : domain.split("\\.")) {
            String unicode = IDN.toUnicode(label);
            if (DomainSkeleton.mixesScripts(unicode)) {
                return Optional.of(homographFinding(domain, "mixes scripts in its label " + unicode));
            }
            Optional<String> ascii = DomainSkeleton.asciiLookalike(unicode);
            if (ascii.isPresent()) {
                return Optional.of(homographFinding(domain, "has the label " + unicode + ", drawn like the ASCII " + ascii.get()));
            }
        }
        return Optional.empty();
    }

    private static Finding homographFinding(String domain, String why) {
        return Finding.error("domain_homograph", "The domain " + domain + " (" + IDN.toUnicode(domain) + ") " + why
                        + ": users could take its addresses for another domain's.",
                "Register your domain in one script, as your agency's addresses are written; if it really is yours, "
                        + "ask the federation team.");
    }

    private static Optional<Finding> overlap(String domain, Set<String> others) {
        if (others.contains(domain)) {
            return Optional.of(Finding.error("domain_taken", "The domain " + domain + " belongs to another agency.",
                    "Register only your agency's own domains; ask the federation team if a domain moved to your agency."));
        }
        List<String> related = others.stream().filter(other -> related(domain, other)).toList();
        if (related.isEmpty()) {
            return Optional.empty();
        }
        String named = String.join(", ", related.subList(0, Math.min(NAMED, related.size())))
                + (related.size() > NAMED ? " and " + (related.size() - NAMED) + " more" : "");
        return Optional.of(Finding.error("domain_overlaps", "The domain " + domain + " is a parent or a subdomain of "
                        + "domains of other agencies (" + named + "): addresses there would reach the wrong agency.",
                "Register exactly the domains your agency's addresses end in, not a parent of another agency's domain; "
                        + "a subdomain of another agency's domain must be delegated by that agency through the federation team."));
    }

    /** Equal, or one a subdomain of the other. */
    private static boolean related(String a, String b) {
        return a.equals(b) || a.endsWith("." + b) || b.endsWith("." + a);
    }

    private static String abbreviate(String value) {
        return value.length() > 64 ? value.substring(0, 64) + "…" : value;
    }
}
