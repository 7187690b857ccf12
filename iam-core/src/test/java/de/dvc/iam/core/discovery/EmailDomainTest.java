package de.dvc.iam.core.discovery;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class EmailDomainTest {

    @Test
    void normalizesCaseAndSpaces() {
        assertThat(EmailDomain.of("  Anna.Schmidt@SenFin.Berlin.Example ")).contains("senfin.berlin.example");
    }

    @Test
    void convertsUmlautDomainsToTheirAsciiForm() {
        assertThat(EmailDomain.of("amt@münchen.example")).contains("xn--mnchen-3ya.example");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "anna", "anna@", "@senfin.berlin.example", "anna@localhost", "a@b@senfin.berlin.example",
            "anna@senfin..example", "anna@-senfin.example", "anna@senfin.example/evil", "anna@senfin_berlin.example",
            "\"a@b\"@senfin.berlin.example", "anna@senfin.berlin.example.", "anna..schmidt@senfin.berlin.example",
            "anna schmidt@senfin.berlin.example", "anna@straße.example"})
    void refusesWhatIsNoRoutableAddress(String input) {
        assertThat(EmailDomain.of(input)).isEmpty();
    }

    @Test
    void refusesOverlongAddresses() {
        assertThat(EmailDomain.of("a".repeat(250) + "@bmi.bund.example")).isEmpty();
    }

    @Test
    void parentDomainsCoverSubdomainsButNeverATopLevelDomain() {
        assertThat(EmailDomain.coveringDomains("it.senfin.berlin.example"))
                .containsExactly("it.senfin.berlin.example", "senfin.berlin.example", "berlin.example");
        assertThat(EmailDomain.coveringDomains("bmi.example")).containsExactly("bmi.example");
    }
}
