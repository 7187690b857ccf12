package de.dvc.iam.core.binding;

import de.dvc.iam.core.discovery.EmailDomain;
import de.dvc.iam.core.profile.AssertedIdentity;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
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
    void addressesTwoReadersCouldReadDifferentlyAreViolationsWhicheverDomainIsVerified() {
        DomainBinding naiveReadings = new DomainBinding(Set.of("senfin.berlin.example", "b.example", "x.example"));

        for (String address : List.of("\"a@b.example\"@senfin.berlin.example", "a@b.example@senfin.berlin.example",
                "\"anna\"@senfin.berlin.example", "anna@senfin.berlin.example.", "anna.@senfin.berlin.example",
                "an na@senfin.berlin.example", "anna\u202e@senfin.berlin.example")) {
            assertThat(naiveReadings.violation(person(address, null))).as(address)
                    .contains(new DomainBinding.Violation("email", ""));
            assertThat(naiveReadings.violation(person("anna@senfin.berlin.example", address))).as(address)
                    .contains(new DomainBinding.Violation("upn", ""));
        }
    }

    @Test
    void bindingAndDiscoveryReadTheSameDomainFromEveryAddress() {
        for (String address : List.of("a@B.EXAMPLE", "anna@senfin.berlin.example", "amt@münchen.example",
                "amt@xn--mnchen-3ya.example", "jürgen@bmi.bund.example", "\"a@b\"@x.example", "a@b@x.example",
                "anna@x.example.", "anna@ｂｍｉ.example", "anna@example")) {
            Optional<String> routed = EmailDomain.of(address);
            if (routed.isPresent()) {
                assertThat(new DomainBinding(Set.of(routed.get())).violation(person(address, null))).as(address).isEmpty();
                assertThat(new DomainBinding(Set.of("other.example")).violation(person(address, null))).as(address)
                        .contains(new DomainBinding.Violation("email", routed.get()));
            } else {
                assertThat(new DomainBinding(Set.of("x.example", "b.example", "bmi.example", "example"))
                        .violation(person(address, null))).as(address).contains(new DomainBinding.Violation("email", ""));
            }
        }
    }

    @Test
    void unicodeAndPunycodeSpellingsOfAVerifiedDomainMatch() {
        assertThat(new DomainBinding(Set.of("xn--mnchen-3ya.example")).violation(person("amt@münchen.example", null))).isEmpty();
        assertThat(new DomainBinding(Set.of("München.example")).violation(person("amt@xn--mnchen-3ya.example", null))).isEmpty();
    }

    @Test
    void anAgencyWithoutVerifiedDomainsCanAssertNoAddress() {
        assertThat(new DomainBinding(Set.of()).violation(person("anna@senfin.berlin.example", null))).isPresent();
    }
}
