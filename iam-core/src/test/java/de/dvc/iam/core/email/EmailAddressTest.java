package de.dvc.iam.core.email;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class EmailAddressTest {

    @Test
    void readsLocalPartAndLowerCaseDomain() {
        assertThat(EmailAddress.parse(" Anna.Schmidt@SenFin.Berlin.EXAMPLE "))
                .contains(new EmailAddress("Anna.Schmidt", "senfin.berlin.example"));
        assertThat(EmailAddress.parse("a@B.EXAMPLE")).contains(new EmailAddress("a", "b.example"));
        assertThat(EmailAddress.parse("anna+haushalt@bmi.bund.example")).map(EmailAddress::localPart).contains("anna+haushalt");
        assertThat(EmailAddress.parse("jürgen.müller@bmi.bund.example")).as("RFC 6531 local part")
                .map(EmailAddress::localPart).contains("jürgen.müller");
    }

    @Test
    void unicodeAndPunycodeSpellingsOfADomainAreTheSameDomain() {
        assertThat(EmailAddress.parse("amt@münchen.example")).map(EmailAddress::domain).contains("xn--mnchen-3ya.example");
        assertThat(EmailAddress.parse("amt@MÜNCHEN.example")).map(EmailAddress::domain).contains("xn--mnchen-3ya.example");
        assertThat(EmailAddress.parse("amt@XN--MNCHEN-3YA.example")).map(EmailAddress::domain).contains("xn--mnchen-3ya.example");
        assertThat(EmailAddress.asciiDomain("München.Example")).contains("xn--mnchen-3ya.example");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "\"a@b\"@x.example", "a@b@x.example", "\"anna\"@x.example", "\"a b\"@x.example", "a\\@b@x.example",
            "anna(comment)@x.example", "anna@x.example(comment)", "<anna@x.example>", "anna,bob@x.example",
            "anna@", "@x.example", "anna", "", "  ", "anna@example",
            ".anna@x.example", "anna.@x.example", "an..na@x.example", "anna@x.example.", "anna@.x.example", "anna@x..example",
            "an na@x.example", "anna@x .example", "anna\t@x.example", "anna\u0000@x.example", "anna@x.exa\nmple",
            "anna\u00a0@x.example", "anna\u200b@x.example", "anna@x\u200d.example", "anna\u202e@x.example",
            "anna\uff20evil.example@x.example", "anna@ｂｍｉ.bund.example", "anna@bmi\u3002bund.example",
            "anna@bmi\uff0ebund.example", "anna@straße.example", "anna@xn--zz.example", "anna@xn--strae-oqa.example", "anna@-x.example",
            "anna@x_y.example", "anna@x.example/evil", "anna@[127.0.0.1]", "anna@x.example:443"})
    void refusesWhatTwoReadersCouldReadDifferently(String input) {
        assertThat(EmailAddress.parse(input)).as(input).isEmpty();
    }

    @Test
    void refusesOverlongParts() {
        assertThat(EmailAddress.parse("a".repeat(64) + "@x.example")).isPresent();
        assertThat(EmailAddress.parse("a".repeat(65) + "@x.example")).isEmpty();
        assertThat(EmailAddress.parse("ü".repeat(33) + "@x.example")).as("64 octets, not characters").isEmpty();
        assertThat(EmailAddress.parse("a@" + "b".repeat(64) + ".example")).isEmpty();
        assertThat(EmailAddress.parse("a@" + ("b".repeat(60) + ".").repeat(5) + "example")).as("over 254").isEmpty();
    }

    @Test
    void configuredDomainsNeedTwoLabels() {
        assertThat(EmailAddress.asciiDomain("example")).isEmpty();
        assertThat(EmailAddress.asciiDomain("bmi.bund.example.")).isEmpty();
        assertThat(EmailAddress.asciiDomain(null)).isEmpty();
    }
}
