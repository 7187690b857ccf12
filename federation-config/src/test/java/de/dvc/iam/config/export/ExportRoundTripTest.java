package de.dvc.iam.config.export;

import de.dvc.iam.config.keycloak.HandMade;
import de.dvc.iam.config.keycloak.TestServer;
import de.dvc.iam.config.plan.Plan;
import de.dvc.iam.config.state.Ownership;
import de.dvc.iam.config.validate.SourceFile;
import de.dvc.iam.config.validate.Tree;
import de.dvc.iam.config.validate.ValidationReport;
import de.dvc.iam.core.agency.AgencyLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.representations.idm.OrganizationRepresentation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** export, then validate and plan the export against the same server: valid, and nothing to do (round trip). */
class ExportRoundTripTest {

    @TempDir
    Path root;

    private final TestServer server = new TestServer();

    private Export export(Path directory) throws Exception {
        Export export = Exporter.export(server.state().read(), directory, Optional.empty(), "test server");
        ExportFiles.write(export);
        return export;
    }

    @Test
    void anExportOfAnAppliedFederationIsValidAndPlansNoChange() throws Exception {
        Tree.valid(root.resolve("in"));
        server.apply(root.resolve("in"));

        Export export = export(root.resolve("out"));
        assertThat(export.notExported()).isEmpty();
        assertThat(export.secretsToSet()).as("the references apply recorded").isEmpty();
        ValidationReport report = Tree.VALIDATOR.validate(root.resolve("out"));
        assertThat(report.valid()).as(report.problems().toString()).isTrue();
        assertThat(Files.readString(root.resolve("out/agencies/bund/bund-bmi.yaml"))).contains("clientSecret: \"env:DVC_BUND_BMI_CLIENT_SECRET\"")
                .doesNotContain(TestServer.BMI_SECRET);

        Plan plan = server.plan(root.resolve("out"));
        assertThat(plan.conflicts()).isEmpty();
        assertThat(plan.hasChanges()).isFalse();
        assertThat(plan.unchanged()).isEqualTo(7);
    }

    @Test
    void handMadeObjectsAreExportedAsTheyAreAndRegistrationsNamedOnly() throws Exception {
        String metadata = "http://localhost:8080/realms/agency-berlin-senfin/protocol/saml/descriptor";
        String entity = "http://localhost:8080/realms/agency-berlin-senfin";
        String issuer = "http://localhost:8080/realms/agency-bund-bmi";
        OrganizationRepresentation senfin = server.realm.putOrganization(HandMade.organization("berlin-senfin",
                "Senatsverwaltung für Finanzen Berlin", AgencyLevel.STATE, "DE-BE", "senfin.berlin.example"));
        OrganizationRepresentation bmi = server.realm.putOrganization(HandMade.organization("bund-bmi",
                "Bundesministerium des Innern", AgencyLevel.FEDERAL, null, "bmi.bund.example"));
        server.realm.putIdentityProvider(HandMade.saml("berlin-senfin", metadata, entity, "senfin.berlin.example"), senfin.getId(),
                HandMade.profile("berlin-senfin", "saml-oid", "substantiell", "urn:oasis:names:tc:SAML:2.0:ac:classes:unspecified = normal"));
        server.realm.putIdentityProvider(HandMade.oidc("bund-bmi", issuer, "bmi.bund.example"), bmi.getId(),
                HandMade.profile("bund-bmi", "oidc", "normal", "1 = normal\n0 = normal"));
        server.realm.putIdentityProvider(HandMade.registration("berlin-senfin-neu", "tested", "senfin.berlin.example"), senfin.getId(),
                HandMade.profile("berlin-senfin-neu", "saml-oid", "normal", ""));
        server.realm.putClient(HandMade.service("demo-service", "http://localhost:8081/login/oauth2/code/dvc"));

        Export export = export(root);
        assertThat(export.notExported()).extracting(NotExported::name, NotExported::ownership)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("berlin-senfin-neu", Ownership.REGISTRATION));
        assertThat(export.secretsToSet()).extracting(r -> r.reference())
                .containsExactly("env:DVC_IDP_BUND_BMI_CLIENT_SECRET", "env:DVC_SERVICE_DEMO_SERVICE_CLIENT_SECRET");
        String senfinFile = Files.readString(root.resolve("agencies/be/berlin-senfin.yaml"));
        assertThat(senfinFile).contains("# Not exported: IdP berlin-senfin-neu (saml, tested, self-service registration)")
                .contains("metadataUrl: \"" + metadata + "\"");
        assertThat(Files.readString(root.resolve("settings.yaml"))).contains("insecureHosts:\n  - localhost");
        ValidationReport report = Tree.VALIDATOR.validate(root);
        assertThat(report.valid()).as(report.problems().toString()).isTrue();

        Plan plan = server.plan(root);
        assertThat(plan.conflicts()).isEmpty();
        assertThat(plan.hasChanges()).isFalse();
        assertThat(plan.notOwned()).extracting(o -> o.kind() + " " + o.name() + " " + o.inFiles()).containsExactly(
                "AGENCY berlin-senfin true", "AGENCY bund-bmi true", "IDP berlin-senfin true", "IDP berlin-senfin-neu false",
                "IDP bund-bmi true", "SERVICE demo-service true");
        assertThat(plan.notOwned().get(2).notes()).singleElement().asString().contains("hideOnLogin");

        // the export applied to an empty server gives a federation whose next plan is empty
        TestServer empty = new TestServer();
        empty.realm.publish(metadata, Map.of("idpEntityId", entity, "metadataDescriptorUrl", metadata))
                .publish(issuer + "/.well-known/openid-configuration", Map.of("issuer", issuer));
        empty.secrets(Map.of("env:DVC_IDP_BUND_BMI_CLIENT_SECRET", "s1-e8f0", "env:DVC_SERVICE_DEMO_SERVICE_CLIENT_SECRET", "s2-a4c9"));
        assertThat(empty.apply(root).complete()).isTrue();
        assertThat(empty.plan(root).hasChanges()).isFalse();
        Path again = root.resolve("again");
        Export second = Exporter.export(empty.state().read(), again, Optional.empty(), "test server");
        assertThat(second.files()).extracting(SourceFile::text).allSatisfy(text -> assertThat(text).doesNotContain("s1-e8f0", "s2-a4c9"));
    }

    @Test
    void aMetadataFileIsNamedButNotRecoverable() throws Exception {
        Tree tree = Tree.valid(root.resolve("in"));
        tree.replace("agencies/be/berlin-senfin.yaml", "metadataUrl: https://idp.senfin.berlin.example/metadata",
                "metadataFile: metadata/senfin.xml");
        tree.bytes("agencies/be/metadata/senfin.xml", de.dvc.iam.config.validate.TestMetadata.idp(TestServer.SAML_ENTITY, 3072));
        assertThat(server.apply(root.resolve("in")).complete()).isTrue();

        export(root.resolve("out"));
        assertThat(Files.readString(root.resolve("out/agencies/be/berlin-senfin.yaml"))).contains("metadataFile: metadata/senfin.xml")
                .contains("# The server keeps only the SHA-256 of this file");
        Files.createDirectories(root.resolve("out/agencies/be/metadata"));
        Files.copy(root.resolve("in/agencies/be/metadata/senfin.xml"), root.resolve("out/agencies/be/metadata/senfin.xml"));
        assertThat(server.plan(root.resolve("out")).hasChanges()).isFalse();
    }
}
