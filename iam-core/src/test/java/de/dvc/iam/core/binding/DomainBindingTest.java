package de.dvc.iam.core.binding;

import de.dvc.iam.core.profile.AssertedIdentity;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DomainBindingTest {

    private final DomainBinding senfin = new DomainBinding(Set.of("SenFin.Berlin.example", "berlin.example"));

    private static AssertedIdentity person(String email, String upn) {
        return new AssertedIdentity("Anna", "Schmidt", email, upn, null, List.of());
    }

    @Test
    void acceptsAddressesInAVerifiedDomain() {
        assertThat(senfin.violation(person("anna@senfin.berlin.example", "anna@berlin.example"))).isEmpty();
        assertThat(senfin.violation(person(null, null))).as("nothing asserted, nothing to bind").isEmpty();
    }

    @Test
    void refusesAnEmailOfAnotherAgency() {
        assertThat(senfin.violation(person("jonas@bmi.bund.example", null)))
                .contains(new DomainBinding.Violation("email", "bmi.bund.example"));
    }

    @Test
    void refusesAnUpnOutsideEvenWhenTheEmailIsInside() {
        assertThat(senfin.violation(person("anna@senfin.berlin.example", "anna@evil.example")))
                .contains(new DomainBinding.Violation("upn", "evil.example"));
    }

    @Test
    void subdomainsAndLookAlikesAreNotTheDomain() {
        assertThat(senfin.violation(person("anna@x.senfin.berlin.example", null))).isPresent();
        assertThat(senfin.violation(person("anna@senfin.berlin.example.evil.example", null))).isPresent();
        assertThat(senfin.violation(person("anna@evilberlin.example", null))).isPresent();
        assertThat(senfin.violation(person("senfin.berlin.example", null))).as("no @").isPresent();
        assertThat(senfin.violation(person("@senfin.berlin.example", null))).as("no local part").isPresent();
    }

    @Test
    void anAgencyWithoutVerifiedDomainsCanAssertNoAddress() {
        assertThat(new DomainBinding(Set.of()).violation(person("anna@senfin.berlin.example", null))).isPresent();
    }
}
