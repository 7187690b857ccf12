package de.dvc.iam.core.registration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.IDN;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DomainClaimsTest {

    private static final Set<String> OTHERS = Set.of("senfin.berlin.de", "bmi.bund.de", "xn--mnchen-3ya.de");

    private static List<Finding> claim(String... domains) {
        return DomainClaims.check(List.of(domains), OTHERS);
    }

    private static String onlyCode(String domain) {
        List<Finding> findings = claim(domain);
        assertThat(findings).as(domain).hasSize(1);
        assertThat(findings.get(0).severity()).isEqualTo(Finding.Severity.ERROR);
        assertThat(findings.get(0).fix()).isNotBlank();
        return findings.get(0).code();
    }

    @ParameterizedTest
    @ValueSource(strings = {"de", "co.uk", "com.de", "github.io", "blogspot.com", "gov.uk", "berlin", "example", "test",
            "kreis.local", "amt.intern", "senfin.berlin.invalid", "localhost"})
    void refusesPublicSuffixesAndNamesUnderNone(String domain) {
        assertThat(onlyCode(domain)).as(domain).isEqualTo("domain_public_suffix");
    }

    @ParameterizedTest
    @ValueSource(strings = {"senfin.berlin.de", "finanzen.berlin.de", "bund.de", "it.senfin.berlin.co.uk", "dvc-amt.github.io",
            "münchen-stadt.de", "xn--mnchen-stadt-0ob.de", "registeramt.example", "senfin.berlin.example", "amt.test"})
    void admitsDomainsOfOneOwnerUnderAPublicSuffix(String domain) {
        assertThat(DomainClaims.check(List.of(domain), Set.of("bmi.bund.example"))).as(domain).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"senfin..berlin.de", "senfin_berlin.de", "senfin berlin.de", "-senfin.de", "senfin.de.", ""})
    void refusesWhatIsNoDomainName(String domain) {
        assertThat(onlyCode(domain)).as(domain).isEqualTo("domain_invalid");
    }

    @Test
    void refusesLabelsThatMixScripts() {
        String cyrillicI = "bm\u0456.bund.example";
        List<Finding> findings = DomainClaims.check(List.of(IDN.toASCII(cyrillicI)), Set.of());

        assertThat(findings).extracting(Finding::code).containsExactly("domain_homograph");
        assertThat(findings.get(0).message()).contains("mixes scripts").contains(cyrillicI.substring(0, 3));
        assertThat(DomainClaims.check(List.of(cyrillicI), Set.of())).extracting(Finding::code)
                .as("the Unicode spelling is the same domain").containsExactly("domain_homograph");
    }

    @Test
    void refusesLabelsDrawnEntirelyLikeAsciiOnes() {
        assertThat(claim("\u0430\u0440\u0435.de")).as("Cyrillic ape").extracting(Finding::code).containsExactly("domain_homograph");
        assertThat(claim("\u03ba\u03bf\u03c7.de")).as("Greek kox").extracting(Finding::code).containsExactly("domain_homograph");
        assertThat(claim("bm\u0131.de")).as("Latin dotless i").extracting(Finding::code).containsExactly("domain_homograph");
        assertThat(claim("\u043c\u043e\u0441\u043a\u0432\u0430.de")).as("Cyrillic that reads as Cyrillic").isEmpty();
    }

    @Test
    void refusesADomainDrawnLikeADomainOfAnotherAgency() {
        List<Finding> findings = claim(IDN.toASCII("bm\u0131.bund.de"));

        assertThat(findings).extracting(Finding::code).containsExactly("domain_homograph");
        assertThat(findings.get(0).message()).contains("bmi.bund.de").contains("another agency");
        assertThat(DomainClaims.check(List.of("it.bm\u0131.bund.de"), OTHERS).get(0).message())
                .as("a subdomain of the lookalike").contains("bmi.bund.de");
    }

    @Test
    void refusesDomainsOfAnotherAgencyTheirParentsAndTheirChildren() {
        assertThat(onlyCode("bmi.bund.de")).isEqualTo("domain_taken");
        assertThat(onlyCode(" BMI.Bund.DE ")).isEqualTo("domain_taken");
        assertThat(onlyCode("münchen.de")).as("Unicode spelling of a punycode domain").isEqualTo("domain_taken");
        assertThat(onlyCode("berlin.de")).isEqualTo("domain_overlaps");
        assertThat(onlyCode("it.bmi.bund.de")).isEqualTo("domain_overlaps");
        assertThat(claim("berlin.de").get(0).message()).contains("senfin.berlin.de");
    }

    @Test
    void namesAFewOverlapsNotAll() {
        List<Finding> findings = DomainClaims.check(List.of("bund.de"),
                List.of("bmi.bund.de", "bmf.bund.de", "aa.bund.de", "bkamt.bund.de", "bmj.bund.de"));

        assertThat(findings.get(0).message()).contains("aa.bund.de, bkamt.bund.de, bmf.bund.de and 2 more");
    }

    @Test
    void similarButUnrelatedNamesDoNotOverlap() {
        assertThat(claim("bmi-bund.de", "xbmi.bund.de", "notberlin.de", "berlin.de.example", "bund.bmi.de")).isEmpty();
    }

    @Test
    void reportsEveryClaimInOrderOnceAndInvalidOtherDomainsAreIgnored() {
        List<Finding> findings = DomainClaims.check(List.of("de", "ok.example", "berlin.de", "de"),
                List.of("senfin.berlin.de", "not a domain", "", "example"));

        assertThat(findings).extracting(Finding::code).containsExactly("domain_public_suffix", "domain_overlaps");
        assertThat(ValidationReport.of(findings).valid()).isFalse();
    }
}
