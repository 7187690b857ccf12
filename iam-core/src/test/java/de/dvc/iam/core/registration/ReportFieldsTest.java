package de.dvc.iam.core.registration;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReportFieldsTest {

    @Test
    void errorsGoToTheFieldTheyAreAboutWarningsNowhere() {
        ValidationReport report = ValidationReport.of(List.of(
                Finding.error("metadata_unreachable", "The metadata URL answered 404.", "Check the URL."),
                Finding.error("no_signing_certificate", "No signing certificate.", "Export the metadata with it."),
                Finding.error("domain_public_suffix", "example.de is a public suffix.", "Name your own domain."),
                Finding.error("profile_invalid", "Unknown profile.", ""),
                Finding.warning("certificate_expires_soon", "Expires in 10 days.", "Roll it over.")));

        assertThat(ReportFields.of(report, "saml", true)).containsOnlyKeys("metadataUrl", "domains", "profile")
                .containsEntry("metadataUrl", "The metadata URL answered 404. Check the URL. No signing certificate. Export the metadata with it.")
                .containsEntry("domains", "example.de is a public suffix. Name your own domain.")
                .containsEntry("profile", "Unknown profile.");
        assertThat(ReportFields.of(report, "saml", false)).containsKey("metadataXml").doesNotContainKey("metadataUrl");
        assertThat(ReportFields.of(report, "oidc", false)).containsKey("issuer");
        assertThat(ReportFields.of(report, "ldap", false)).containsKey("directory").doesNotContainKey("issuer");
        assertThat(ReportFields.of(report, "change", false)).as("a change request has no source field").containsOnlyKeys("domains", "profile");
    }

    @Test
    void aReportWithoutErrorsNamesNoField() {
        assertThat(ReportFields.of(ValidationReport.of(List.of(Finding.warning("pkce_not_announced", "No PKCE.", "Announce it."))),
                "oidc", false)).isEmpty();
    }
}
