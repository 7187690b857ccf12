package de.dvc.iam.agency.oidc;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgencyOidcSettingsTest {

    private static final AgencyOidcSettings.Client DVC = new AgencyOidcSettings.Client("dvc-iam", "geheim",
            "http://localhost:8080/realms/dvc/broker/land-beispiel/endpoint");

    @Test
    void anIssuerWithAPathIsAccepted() {
        AgencyOidcSettings settings = new AgencyOidcSettings(URI.create("https://127.0.0.2:8443/land-beispiel"), null, DVC);

        assertThat(settings.issuerText()).isEqualTo("https://127.0.0.2:8443/land-beispiel");
        assertThat(settings.agencyName()).as("default name").isEqualTo("Ministerium des Innern, Land Beispiel");
    }

    @Test
    void anIssuerThatIsNoIssuerIdentifierStopsTheStartNamingTheSetting() {
        for (String wrong : new String[] {"https://127.0.0.2:8443/land-beispiel/", "https://127.0.0.2/x?tenant=1",
                "https://127.0.0.2/x#f", "ftp://127.0.0.2/x", "/land-beispiel"}) {
            assertThatThrownBy(() -> new AgencyOidcSettings(URI.create(wrong), null, DVC)).as(wrong)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("agency-oidc.issuer");
        }
        assertThatThrownBy(() -> new AgencyOidcSettings(null, null, DVC)).hasMessageContaining("agency-oidc.issuer is missing");
    }

    @Test
    void theClientNeedsIdSecretAndAnAbsoluteRedirectUri() {
        assertThatThrownBy(() -> new AgencyOidcSettings.Client("dvc-iam", " ", "http://localhost/x"))
                .hasMessageContaining("AGENCY_OIDC_CLIENT_SECRET");
        assertThatThrownBy(() -> new AgencyOidcSettings.Client("dvc-iam", "s", "/realms/dvc/broker/x/endpoint"))
                .hasMessageContaining("agency-oidc.client.redirect-uri");
        assertThatThrownBy(() -> new AgencyOidcSettings(URI.create("https://a.example/x"), null, null))
                .hasMessageContaining("agency-oidc.client.id");
    }

    @Test
    void theSecretIsNeverPrinted() {
        AgencyOidcSettings settings = new AgencyOidcSettings(URI.create("https://127.0.0.2:8443/land-beispiel"), null, DVC);

        assertThat(settings.toString()).contains("dvc-iam").doesNotContain("geheim");
    }
}
