package de.dvc.iam.core.registration;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ValidationReportTest {

    @Test
    void theFirstErrorIsTheFirstFoundNotAWarning() {
        ValidationReport report = ValidationReport.of(List.of(
                Finding.warning("key_rsa_2048", "RSA key has 2048 bits.", "Plan 3072 bits."),
                Finding.error("entity_id_changed", "Another entityID.", "Register it as a new IdP."),
                Finding.error("endpoint_not_https", "The SSO endpoint is http://.", "Use https://.")));
        assertThat(report.firstError()).hasValueSatisfying(f -> assertThat(f.code()).isEqualTo("entity_id_changed"));
        assertThat(ValidationReport.of(List.of()).firstError()).isEmpty();
    }

    @Test
    void theReportIsForProgramsAndForPeopleErrorsFirst() {
        ValidationReport report = ValidationReport.of(List.of(
                Finding.warning("key_rsa_2048", "RSA key has 2048 bits.", "Plan 3072 bits."),
                Finding.error("endpoint_not_https", "The SSO endpoint is http://.", "Use https://.")));

        assertThat(report.valid()).isFalse();
        Map<String, Object> map = report.toMap();
        assertThat(map.get("valid")).isEqualTo(false);
        assertThat((List<?>) map.get("findings")).hasSize(2);
        assertThat(map.get("text")).isEqualTo("ERROR endpoint_not_https: The SSO endpoint is http://. Fix: Use https://.\n"
                + "WARNING key_rsa_2048: RSA key has 2048 bits. Fix: Plan 3072 bits.\n");
        assertThat(ValidationReport.of(List.of()).toMap().get("text")).isEqualTo("No findings: the registration is valid.");
    }
}
