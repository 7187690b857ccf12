package de.dvc.iam.core.agency;

import de.dvc.iam.core.agency.OfficialKeys.Field;
import de.dvc.iam.core.agency.OfficialKeys.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Official keys checked for what they say; the real examples are from Destatis' Gemeindeverzeichnis (30.11.2025). */
class OfficialKeysTest {

    private static List<Violation> check(AgencyLevel level, String state, String ags, String ars, String leitwegId) {
        return OfficialKeys.check(level, Optional.ofNullable(state), Optional.ofNullable(ags), Optional.ofNullable(ars),
                Optional.ofNullable(leitwegId));
    }

    private static List<String> codes(List<Violation> violations) {
        return violations.stream().map(Violation::code).toList();
    }

    @ParameterizedTest(name = "{0} {1}: AGS {2}, ARS {3}")
    @CsvSource(nullValues = "-", value = {
            "municipal, DE-SH, 01001000, 010010000000, -",                      // Flensburg, kreisfreie Stadt
            "municipal, DE-SH, 01051001, 010515175001, -",                      // Albersdorf, Amt Mitteldithmarschen (5175)
            "municipal, DE-SH, 01051,    -,            -",                      // Kreis Dithmarschen
            "municipal, DE-BY, 09564000, 095640000000, 09564000-NUE0001-49",    // Nürnberg
            "municipal, DE-HB, 04011000, 040110000000, 04011000-1234512345-06", // Bremen, KoSIT's example
            "municipal, DE-BE, 11000000, 110000000000, 11-1-56",                // Berlin, an address at Land level
            "federal,   -,     -,        -,            991-33333TEST-33",
            "federal,   -,     -,        -,            99661-WEBSERVICEOZG-28",
            "other,     -,     -,        -,            992-90009-96",           // Deutsche Bahn AG
            "state,     DE-NW, -,        -,            -"})
    void realKeysAgree(String level, String state, String ags, String ars, String leitwegId) {
        assertThat(check(AgencyLevel.fromCode(level), state, ags, ars, leitwegId)).isEmpty();
    }

    @Test
    void anAgsLiesInTheLandOfItsFirstTwoDigits() {
        List<Violation> violations = check(AgencyLevel.MUNICIPAL, "DE-BE", "01001000", null, null);

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo(Field.AGS);
            assertThat(v.code()).isEqualTo("ags_state_mismatch");
            assertThat(v.message()).contains("'01001000'", "Schleswig-Holstein (01, DE-SH)", "Berlin (11, DE-BE)");
            assertThat(v.expected()).contains("starting with 11", "state DE-SH");
        });
    }

    @Test
    void anAgsNeedsALandThatExistsAndAState() {
        assertThat(codes(check(AgencyLevel.MUNICIPAL, "DE-SH", "17001000", null, null))).containsExactly("ags_land_unknown");
        assertThat(codes(check(AgencyLevel.MUNICIPAL, "DE-SH", "00001000", null, null))).containsExactly("ags_land_unknown");
        List<Violation> noState = check(AgencyLevel.MUNICIPAL, null, "01001000", null, null);
        assertThat(codes(noState)).containsExactly("state_missing", "ags_state_missing");
        assertThat(noState.get(1).expected()).isEqualTo("state DE-SH");
    }

    @Test
    void anArsIsTheAgsWithTheVerbandsschluesselInside() {
        List<Violation> swapped = check(AgencyLevel.MUNICIPAL, "DE-SH", "01051001", "010510015175", null);
        assertThat(swapped).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo(Field.ARS);
            assertThat(v.code()).isEqualTo("ars_ags_mismatch");
            assertThat(v.expected()).contains("01051vvvv001");
        });
        assertThat(codes(check(AgencyLevel.MUNICIPAL, "DE-SH", "01051001", "010515175002", null)))
                .as("last three digits of another municipality").containsExactly("ars_ags_mismatch");
        assertThat(codes(check(AgencyLevel.MUNICIPAL, "DE-SH", "01051001", "010525175001", null)))
                .as("another district").containsExactly("ars_ags_mismatch");
    }

    @Test
    void anArsComesWithTheAgsOfAMunicipality() {
        List<Violation> alone = check(AgencyLevel.MUNICIPAL, "DE-SH", null, "010515175001", null);
        assertThat(codes(alone)).containsExactly("ars_without_ags");
        assertThat(alone.get(0).expected()).contains("01051001");
        assertThat(codes(check(AgencyLevel.MUNICIPAL, "DE-SH", "01051", "010515175001", null))).containsExactly("ars_of_district");
        assertThat(codes(check(AgencyLevel.MUNICIPAL, "DE-BE", null, "010515175001", null)))
                .containsExactly("ars_without_ags", "ars_state_mismatch");
    }

    @Test
    void agsAndArsBelongToMunicipalitiesAndDistricts() {
        List<Violation> violations = check(AgencyLevel.STATE, "DE-SH", "01001000", "010010000000", null);

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo(Field.LEVEL);
            assertThat(v.code()).isEqualTo("ags_level_mismatch");
            assertThat(v.expected()).isEqualTo("level municipal, or no AGS");
        });
        assertThat(codes(check(AgencyLevel.FEDERAL, null, "01001000", null, null)))
                .containsExactly("ags_level_mismatch", "ags_state_missing");
    }

    @Test
    void stateAndLevelAgree() {
        assertThat(codes(check(AgencyLevel.FEDERAL, "DE-BE", null, null, null))).containsExactly("federal_with_state");
        assertThat(codes(check(AgencyLevel.STATE, null, null, null, null))).containsExactly("state_missing");
        assertThat(codes(check(AgencyLevel.MUNICIPAL, null, null, null, null))).containsExactly("state_missing");
        assertThat(codes(check(AgencyLevel.OTHER, null, null, null, null))).isEmpty();
        assertThat(codes(check(AgencyLevel.STATE, "DE-XX", null, null, null))).containsExactly("state_unknown");
    }

    @Test
    void aLeitwegIdLiesInTheAgencysLandOrTheBund() {
        List<Violation> berlinInBremen = check(AgencyLevel.STATE, "DE-BE", null, null, "04011000-1234512345-06");
        assertThat(berlinInBremen).singleElement().satisfies(v -> {
            assertThat(v.code()).isEqualTo("leitweg_state_mismatch");
            assertThat(v.message()).contains("Bremen (04, DE-HB)", "Berlin (11, DE-BE)");
            assertThat(v.expected()).isEqualTo("a Leitweg-ID starting with 11");
        });
        assertThat(codes(check(AgencyLevel.FEDERAL, null, null, null, "04011000-1234512345-06")))
                .containsExactly("leitweg_state_mismatch");
        assertThat(codes(check(AgencyLevel.STATE, "DE-BE", null, null, "991-33333TEST-33")))
                .containsExactly("leitweg_state_mismatch");
        assertThat(codes(check(AgencyLevel.OTHER, null, null, null, "04011000-1234512345-06")))
                .containsExactly("leitweg_state_mismatch");
    }

    @Test
    void aMunicipalitysLeitwegIdAgreesWithItsKeys() {
        List<Violation> ofNuernberg = check(AgencyLevel.MUNICIPAL, "DE-BY", "09562000", "095620000000", "09564000-NUE0001-49");
        assertThat(ofNuernberg).singleElement().satisfies(v -> {
            assertThat(v.code()).isEqualTo("leitweg_key_mismatch");
            assertThat(v.message()).contains("'09564000'", "ARS '095620000000'");
            assertThat(v.expected()).contains("09562000 (its AGS)");
        });
        String albersdorf = LeitwegId.checkDigits("010515175001");
        assertThat(check(AgencyLevel.MUNICIPAL, "DE-SH", "01051001", "010515175001", "010515175001-" + albersdorf))
                .as("12 digits: the ARS").isEmpty();
        assertThat(check(AgencyLevel.MUNICIPAL, "DE-SH", "01051001", null, "010515175001-" + albersdorf))
                .as("only the AGS known: Verbandsschlüssel not checked").isEmpty();
        String otherVerband = "010515163001-" + LeitwegId.checkDigits("010515163001");
        assertThat(codes(check(AgencyLevel.MUNICIPAL, "DE-SH", "01051001", "010515175001", otherVerband)))
                .containsExactly("leitweg_key_mismatch");
        String district = "01051-" + LeitwegId.checkDigits("01051");
        assertThat(check(AgencyLevel.MUNICIPAL, "DE-SH", "01051", null, district)).as("a district's own address").isEmpty();
        assertThat(check(AgencyLevel.MUNICIPAL, "DE-SH", "01051001", null, "01-" + LeitwegId.checkDigits("01")))
                .as("the Land's address is shorter than the keys and agrees").isEmpty();
    }
}
