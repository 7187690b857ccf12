package de.dvc.iam.core.binding;

import de.dvc.iam.core.email.EmailAddress;
import de.dvc.iam.core.profile.AssertedIdentity;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Domain binding (Domänenbindung): an agency IdP may only assert identities inside its agency's
 * verified email domains. Both the email address and the user principal name, where asserted, must
 * lie in one of them, exactly (a subdomain must be verified on its own). An agency with no verified
 * domain can assert no address at all.
 *
 * <p>Addresses are read by {@link EmailAddress#parse}, exactly as discovery reads them, and an
 * address it does not accept (a quoted local part, two {@code @}, a trailing dot, …) is a violation:
 * binding must never pass an address whose domain a service could read differently.
 *
 * <p>Immutable and thread-safe.
 */
public final class DomainBinding {

    private final Set<String> verifiedDomains;

    public DomainBinding(Set<String> verifiedDomains) {
        this.verifiedDomains = verifiedDomains.stream()
                .map(String::trim).flatMap(d -> EmailAddress.asciiDomain(d).stream())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The first asserted address outside the verified domains, if any. */
    public Optional<Violation> violation(AssertedIdentity identity) {
        Optional<Violation> email = identity.emailAddress().flatMap(v -> check("email", v));
        return email.isPresent() ? email : identity.userPrincipalName().flatMap(v -> check("upn", v));
    }

    private Optional<Violation> check(String attribute, String address) {
        Optional<String> domain = EmailAddress.parse(address).map(EmailAddress::domain);
        if (domain.isEmpty() || !verifiedDomains.contains(domain.get())) {
            return Optional.of(new Violation(attribute, domain.orElse("")));
        }
        return Optional.empty();
    }

    /**
     * @param attribute {@code email} or {@code upn}
     * @param domain    the domain the IdP asserted, lower-case ASCII (empty if the value was no address
     *                  we accept); it is the agency's own data, safe to show the user and the audit log,
     *                  unlike the full address
     */
    public record Violation(String attribute, String domain) {
    }
}
