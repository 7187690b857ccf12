package de.dvc.iam.core.agency;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Leitweg-IDs per KoSIT's format specification; the valid ones are published IDs and KoSIT's examples. */
class LeitwegIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"04011000-1234512345-06", "04011000-900X999-08", "09564000-NUE0001-49", "992-90009-96",
            "991-33333TEST-33", "991-99012-32", "99661-WEBSERVICEOZG-28"})
    void acceptsPublishedIds(String id) {
        assertThat(LeitwegId.isValid(id)).isTrue();
    }

    @Test
    void computesTheCheckDigitsByMod97_10() {
        assertThat(LeitwegId.checkDigits("04011000-1234512345")).isEqualTo("06");
        assertThat(LeitwegId.checkDigits("991-99012")).isEqualTo("32");
        assertThat(LeitwegId.checkDigits("09564000-NUE0001")).as("letters count as 10..35").isEqualTo("49");
        assertThatThrownBy(() -> LeitwegId.checkDigits("0401-ä")).hasMessageContaining("'ä'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"04011000-1234512345-05", "04011000-1234512345-07", "40110000-1234512345-06",
            "04011000-1234152345-06", "05-123456-25"})
    void refusesWrongCheckDigitsIncludingSwappedDigits(String id) {
        Optional<OfficialKeys.Violation> violation = LeitwegId.structure(id);
        assertThat(violation).isPresent();
        assertThat(violation.get().code()).isIn("leitweg_check_digits", "leitweg_land_unknown");
    }

    @Test
    void namesTheRightCheckDigits() {
        OfficialKeys.Violation violation = LeitwegId.structure("04011000-1234512345-60").orElseThrow();
        assertThat(violation.code()).isEqualTo("leitweg_check_digits");
        assertThat(violation.message()).contains("60", "gives 06");
        assertThat(violation.expected()).isEqualTo("04011000-1234512345-06");
    }

    @Test
    void checksTheStructure() {
        assertThat(LeitwegId.structure("0401100-06").orElseThrow().code()).as("7 digits fit no regional key")
                .isEqualTo("leitweg_structure");
        assertThat(LeitwegId.structure("17011000-1234512345-06").orElseThrow().code()).isEqualTo("leitweg_land_unknown");
        assertThat(LeitwegId.structure("4-12-06").orElseThrow().code()).isEqualTo("leitweg_format");
        assertThat(LeitwegId.structure("0401100000000-06").orElseThrow().code()).as("13 digits").isEqualTo("leitweg_format");
        assertThat(LeitwegId.structure("04011000-1234567890123456789012345678901-06").orElseThrow().code())
                .as("31 characters of Feinadressierung").isEqualTo("leitweg_format");
        assertThat(LeitwegId.structure("04011000-ABC_1-06").orElseThrow().code()).isEqualTo("leitweg_format");
        assertThat(LeitwegId.structure("04011000--06").orElseThrow().code()).isEqualTo("leitweg_format");
        assertThat(LeitwegId.isValid("04011000-1234512345-6")).isFalse();
        assertThat(LeitwegId.isValid(null)).isFalse();
    }

    @Test
    void asksForCapitalLetters() {
        OfficialKeys.Violation violation = LeitwegId.structure("09564000-nue0001-49").orElseThrow();
        assertThat(violation.message()).contains("lower-case");
        assertThat(violation.expected()).contains("09564000-NUE0001-49");
    }
}
