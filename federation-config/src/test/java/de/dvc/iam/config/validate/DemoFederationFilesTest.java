package de.dvc.iam.config.validate;

import de.dvc.iam.config.Problem;
import de.dvc.iam.config.model.AgencySpec;
import de.dvc.iam.config.model.IdpSpec;
import de.dvc.iam.config.model.Protocol;
import de.dvc.iam.config.model.ServiceSpec;
import de.dvc.iam.core.assurance.AssuranceLevel;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checked-in demo federation ({@code federation/demo}) validates and describes what the demo's Java set-up
 * (demo module: DemoAgencies, DemoFederation) builds: the same agencies, IdPs, profiles, assurance and service.
 */
class DemoFederationFilesTest {

    private static final Path DEMO = Path.of(System.getProperty("dvc.repository.root", ".."), "federation", "demo");

    @Test
    void theDemoDirectoryValidatesWithOnlyItsDemoWarnings() {
        ValidationReport report = Tree.VALIDATOR.validate(DEMO);

        assertThat(report.valid()).as(String.valueOf(report.problems())).isTrue();
        assertThat(report.problems()).extracting(Problem::code).containsOnly("url_insecure_allowed", "insecure_hosts");
    }

    @Test
    void itDescribesTheDemoFederation() {
        ValidationReport report = Tree.VALIDATOR.validate(DEMO);

        AgencySpec senfin = report.federation().agency("berlin-senfin").orElseThrow();
        assertThat(senfin.state()).contains("DE-BE");
        assertThat(senfin.domains()).containsExactly("senfin.berlin.example");
        IdpSpec saml = senfin.idps().get(0);
        assertThat(saml.protocol()).isEqualTo(Protocol.SAML);
        assertThat(saml.profile()).isEqualTo("saml-oid");
        assertThat(saml.maxAssurance()).contains(AssuranceLevel.SUBSTANTIELL);
        assertThat(saml.acrTable()).contains(Map.of("urn:oasis:names:tc:SAML:2.0:ac:classes:unspecified", AssuranceLevel.NORMAL));
        assertThat(saml.metadataUrl()).contains("http://localhost:8080/realms/agency-berlin-senfin/protocol/saml/descriptor");

        AgencySpec bmi = report.federation().agency("bund-bmi").orElseThrow();
        assertThat(bmi.state()).isEmpty();
        IdpSpec oidc = bmi.idps().get(0);
        assertThat(oidc.protocol()).isEqualTo(Protocol.OIDC);
        assertThat(oidc.issuer()).contains("http://localhost:8080/realms/agency-bund-bmi");
        assertThat(oidc.clientId()).contains("dvc-iam");
        assertThat(oidc.acrTable().orElseThrow()).containsOnlyKeys("1", "0");

        ServiceSpec demo = report.federation().services().stream().filter(s -> s.clientId().equals("demo-service"))
                .findFirst().orElseThrow();
        assertThat(demo.redirectUris()).containsExactly("http://localhost:8081/login/oauth2/code/dvc");
        assertThat(demo.sector()).isEqualTo("demo.dvc.example");
        assertThat(demo.pkceRequired()).isTrue();
        assertThat(report.federation().settings().operators()).extracting(p -> p.email().orElseThrow())
                .containsExactly("petra.betrieb@bmi.bund.example", "olaf.betrieb@bmi.bund.example");
    }
}
