package de.dvc.iam.demo;

import de.dvc.iam.config.model.AgencySpec;
import de.dvc.iam.config.model.IdpSpec;
import de.dvc.iam.config.validate.FederationValidator;
import de.dvc.iam.config.validate.ValidationReport;
import de.dvc.iam.core.assurance.AssuranceLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Land Beispiel's agency file (federation/demo-agency-oidc), as the demo applies it with the demo federation's files:
 * valid, with the actual front end's issuer, and describing {@link DemoAgencies#LAND_BEISPIEL}.
 */
class AgencyOidcProviderTest {

    private static final String ISSUER = "https://127.0.0.2:40443/land-beispiel";

    @Test
    void theAgencyFileValidatesWithTheDemoFilesAndNamesTheActualIssuer(@TempDir Path dir) throws Exception {
        DemoFiles.write(dir, "http://localhost:18080", "http://localhost:18081");
        Path file = dir.resolve(AgencyOidcProvider.FILE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, AgencyOidcProvider.federationFile(ISSUER), StandardCharsets.UTF_8);

        ValidationReport report = FederationValidator.standard().validate(dir);

        assertThat(report.valid()).as(String.valueOf(report.problems())).isTrue();
        assertThat(report.problems()).as("no warning about Land Beispiel's file")
                .noneMatch(problem -> problem.toString().contains("land-beispiel"));
        DemoAgencies.DemoAgency expected = DemoAgencies.LAND_BEISPIEL;
        AgencySpec agency = report.federation().agency(expected.agency().id()).orElseThrow();
        assertThat(agency.name()).isEqualTo(expected.agency().name());
        assertThat(agency.state()).isEqualTo(expected.agency().state());
        assertThat(agency.domains()).containsExactly(expected.domain());
        IdpSpec idp = agency.idps().get(0);
        assertThat(idp.alias()).isEqualTo(expected.idpAlias());
        assertThat(idp.issuer()).contains(ISSUER);
        assertThat(idp.clientId()).contains(AgencyOidcProvider.CLIENT_ID);
        assertThat(idp.profile()).isEqualTo(expected.profile());
        assertThat(idp.maxAssurance()).contains(AssuranceLevel.NORMAL);
        assertThat(idp.acrTable()).contains(Map.of("urn:beispiel-land:loa:passwort", AssuranceLevel.NORMAL));
    }

    @Test
    void theSecretIsMadeOnceAndKept(@TempDir Path state) throws Exception {
        AgencyOidcProvider first = new AgencyOidcProvider(state.resolve("agency-oidc.jar"), state, 1, null);
        String secret = first.secret();

        assertThat(secret).hasSizeGreaterThanOrEqualTo(43);
        assertThat(new AgencyOidcProvider(state.resolve("agency-oidc.jar"), state, 1, null).secret()).isEqualTo(secret);
        assertThat(first.secretName()).isEqualTo("DVC_DEMO_LAND_BEISPIEL_CLIENT_SECRET");
    }
}
