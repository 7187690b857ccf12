package de.dvc.iam.config.adopt;

import de.dvc.iam.config.cli.DvcConfig;
import de.dvc.iam.config.cli.Environment;
import de.dvc.iam.config.model.IdpSpec;
import de.dvc.iam.config.model.Origin;
import de.dvc.iam.config.model.Protocol;
import de.dvc.iam.config.state.Adoption;
import de.dvc.iam.config.state.Ownership;
import de.dvc.iam.config.state.Secrets;
import de.dvc.iam.config.state.ServerException;
import de.dvc.iam.config.state.ServerIdp;
import de.dvc.iam.config.state.ServerState;
import de.dvc.iam.config.state.Snapshot;
import de.dvc.iam.config.state.Write;
import de.dvc.iam.config.state.WriteFailed;
import de.dvc.iam.config.validate.Tree;
import de.dvc.iam.core.assurance.AssuranceLevel;
import de.dvc.iam.core.registration.RegistrationState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code dvc-config adopt} against a server that answers as DVC's adoption endpoint does: the file edit, the checks
 * before anything is written, and the file put back when the server refuses.
 */
class AdoptTest {

    @TempDir
    Path root;

    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    /** The server side: the preview it answers (or its refusal), and the adoptions it was asked for. */
    private final class Registrations implements ServerState {
        Adoption preview;
        RuntimeException previewRefusal;
        RuntimeException adoptRefusal;
        final List<String> adopted = new ArrayList<>();

        @Override
        public Snapshot read() {
            throw new AssertionError("adopt must not read the whole federation");
        }

        @Override
        public void write(Write write) {
            throw new AssertionError("adopt writes nothing but the adoption");
        }

        @Override
        public Adoption adoption(String alias) {
            if (previewRefusal != null) {
                throw previewRefusal;
            }
            assertThat(alias).isEqualTo(preview.idp().name());
            return preview;
        }

        @Override
        public void adopt(String alias) {
            if (adoptRefusal != null) {
                throw adoptRefusal;
            }
            adopted.add(alias);
        }
    }

    private final Registrations server = new Registrations();

    private int adopt(String alias) {
        out = new StringWriter();
        err = new StringWriter();
        Environment environment = new Environment((options, realm, secrets) -> server, Secrets.of(Map.of()));
        return DvcConfig.run(new PrintWriter(out, true), new PrintWriter(err, true), environment,
                "adopt", root.toString(), alias, "--server", "http://localhost:8080");
    }

    private static Adoption saml(String alias, String agency, RegistrationState lifecycle, String... domains) {
        Map<String, AssuranceLevel> table = new LinkedHashMap<>();
        table.put("urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport", AssuranceLevel.NORMAL);
        IdpSpec held = new IdpSpec(alias, Optional.of("Finanzamt Nord"), Protocol.SAML, Optional.empty(), Optional.empty(),
                Optional.of("https://adfs.fa-nord.berlin.example/adfs/services/trust"), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(List.of("declared.example")), "adfs", Map.of(), Optional.of(AssuranceLevel.NORMAL),
                Optional.of(table), lifecycle, Origin.server("identity-providers/" + alias));
        ServerIdp idp = new ServerIdp(held, Optional.of(agency), Ownership.REGISTRATION, Optional.empty(), Optional.empty(), List.of(), alias);
        return new Adoption(idp, agency, lifecycle, Optional.of("https://adfs.fa-nord.berlin.example/FederationMetadata/2007-06/FederationMetadata.xml"),
                Optional.of("https://adfs.fa-nord.berlin.example/adfs/services/trust"), List.of(domains));
    }

    private static Adoption oidc(String alias, String agency, String... domains) {
        IdpSpec held = new IdpSpec(alias, Optional.empty(), Protocol.OIDC, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of("https://login.albersdorf.sh.example/realms/amt"), Optional.of("dvc-broker"), Optional.empty(),
                Optional.of(List.of()), "oidc", Map.of(), Optional.of(AssuranceLevel.NORMAL), Optional.of(Map.of()),
                RegistrationState.ACTIVE, Origin.server("identity-providers/" + alias));
        ServerIdp idp = new ServerIdp(held, Optional.of(agency), Ownership.REGISTRATION, Optional.empty(), Optional.empty(), List.of(), alias);
        return new Adoption(idp, agency, RegistrationState.ACTIVE, Optional.empty(), Optional.empty(), List.of(domains));
    }

    private String text(String relative) throws IOException {
        return Files.readString(root.resolve(relative), StandardCharsets.UTF_8);
    }

    @Test
    void theIdpGoesIntoItsAgencyFileAfterTheOthersWithItsNewDomainAndTheServerAdoptsIt() throws IOException {
        Tree tree = Tree.valid(root);
        server.preview = saml("fa-nord", "berlin-senfin", RegistrationState.SUSPENDED, "senfin.berlin.example", "fa-nord.berlin.example");

        assertThat(adopt("fa-nord")).as(err.toString()).isEqualTo(DvcConfig.VALID);

        assertThat(server.adopted).containsExactly("fa-nord");
        List<String> lines = List.of(text("agencies/be/berlin-senfin.yaml").split("\n"));
        assertThat(lines.subList(6, 9)).containsExactly("domains:", "  - senfin.berlin.example", "  - fa-nord.berlin.example");
        assertThat(lines.get(18)).isEqualTo("      urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI: substantiell");
        assertThat(lines.subList(19, lines.size())).containsExactly(
                "  - alias: fa-nord",
                "    displayName: Finanzamt Nord",
                "    protocol: saml",
                "    metadataUrl: \"https://adfs.fa-nord.berlin.example/FederationMetadata/2007-06/FederationMetadata.xml\"",
                "    entityId: \"https://adfs.fa-nord.berlin.example/adfs/services/trust\"",
                "    domains:",
                "      - senfin.berlin.example",
                "      - fa-nord.berlin.example",
                "    profile: adfs",
                "    maxAssurance: normal",
                "    acrTable:",
                "      \"urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport\": normal",
                "    lifecycle: suspended");
        assertThat(tree.validate().valid()).isTrue();
        assertThat(out.toString()).contains("Adopted registration fa-nord of agency berlin-senfin (saml, suspended)",
                "with the agency's new domains fa-nord.berlin.example");
    }

    @Test
    void anOidcIdpOpensTheIdpsListOfAnAgencyWithoutOneAndNamesTheSecretToSet() throws IOException {
        Tree.valid(root).replace("agencies/sh/gemeinde-01051001.yaml", "domains: [albersdorf.sh.example]",
                "domains: [albersdorf.sh.example]\n# Not exported: IdP amt-albersdorf (oidc, active, self-service registration): managed elsewhere.");
        server.preview = oidc("amt-albersdorf", "gemeinde-01051001", "albersdorf.sh.example");

        assertThat(adopt("amt-albersdorf")).as(err.toString()).isEqualTo(DvcConfig.VALID);

        String text = text("agencies/sh/gemeinde-01051001.yaml");
        assertThat(text).endsWith("domains: [albersdorf.sh.example]\nidps:\n  - alias: amt-albersdorf\n    protocol: oidc\n"
                + "    issuer: \"https://login.albersdorf.sh.example/realms/amt\"\n    clientId: dvc-broker\n"
                + "    # The server does not reveal this secret: set DVC_IDP_AMT_ALBERSDORF_CLIENT_SECRET to it in the environment of apply.\n"
                + "    clientSecret: \"env:DVC_IDP_AMT_ALBERSDORF_CLIENT_SECRET\"\n    domains:\n      - albersdorf.sh.example\n"
                + "    profile: oidc\n    maxAssurance: normal\n    acrTable: {}\n    lifecycle: active\n");
        assertThat(text).doesNotContain("Not exported");
        assertThat(Tree.VALIDATOR.validate(root).valid()).isTrue();
        assertThat(out.toString()).contains("Set env:DVC_IDP_AMT_ALBERSDORF_CLIENT_SECRET to the IdP's client secret before the next apply");
    }

    @Test
    void aFlowListThatWouldNeedANewDomainIsRefusedBeforeAnythingIsWritten() throws IOException {
        Tree.valid(root);
        String before = text("agencies/bund/bund-bmi.yaml");
        server.preview = oidc("bmi-zwei", "bund-bmi", "bmi.bund.example", "zwei.bmi.bund.example");

        assertThat(adopt("bmi-zwei")).isEqualTo(DvcConfig.INVALID);

        assertThat(err.toString()).contains("'domains:' is written in flow style ([…]) on line 7: write it as a block list",
                "Nothing written.");
        assertThat(text("agencies/bund/bund-bmi.yaml")).isEqualTo(before);
        assertThat(server.adopted).isEmpty();
    }

    @Test
    void anAgencyTheFilesDoNotDescribeOrAnAliasAnotherAgencyUsesIsRefused() {
        Tree.valid(root);
        server.preview = saml("fa-nord", "hamburg-fb", RegistrationState.ACTIVE, "fb.hamburg.example");
        assertThat(adopt("fa-nord")).isEqualTo(DvcConfig.INVALID);
        assertThat(err.toString()).contains("belongs to agency 'hamburg-fb', which no file in " + root + " describes");

        server.preview = saml("bund-bmi", "berlin-senfin", RegistrationState.ACTIVE, "senfin.berlin.example");
        assertThat(adopt("bund-bmi")).isEqualTo(DvcConfig.INVALID);
        assertThat(err.toString()).contains("Agency 'bund-bmi'", "describes an IdP 'bund-bmi', but the registration belongs to agency 'berlin-senfin'");
        assertThat(server.adopted).isEmpty();
    }

    @Test
    void aDomainAnotherAgencyHoldsMakesTheDirectoryInvalidAndNothingIsWritten() throws IOException {
        Tree.valid(root);
        String before = text("agencies/be/berlin-senfin.yaml");
        server.preview = saml("fa-nord", "berlin-senfin", RegistrationState.ACTIVE, "bmi.bund.example");

        assertThat(adopt("fa-nord")).isEqualTo(DvcConfig.INVALID);

        assertThat(out.toString()).contains("With IdP fa-nord in", "would not be valid: ", "Nothing written.");
        assertThat(text("agencies/be/berlin-senfin.yaml")).isEqualTo(before);
        assertThat(server.adopted).isEmpty();
    }

    @Test
    void aRefusalOfThePreviewWritesNothingAndOneOfTheAdoptionPutsTheFileBack() throws IOException {
        Tree.valid(root);
        String before = text("agencies/be/berlin-senfin.yaml");
        server.preview = saml("fa-nord", "berlin-senfin", RegistrationState.ACTIVE, "senfin.berlin.example");

        server.previewRefusal = new WriteFailed("adopting registration fa-nord: HTTP 409: A change request is pending.", true, false);
        assertThat(adopt("fa-nord")).isEqualTo(DvcConfig.SERVER);
        assertThat(err.toString()).contains("the server refuses to adopt 'fa-nord': ", "A change request is pending.", "Nothing written.");
        assertThat(text("agencies/be/berlin-senfin.yaml")).isEqualTo(before);

        server.previewRefusal = null;
        server.adoptRefusal = new WriteFailed("adopting registration fa-nord: HTTP 409: It is adopted already.", true, false);
        assertThat(adopt("fa-nord")).isEqualTo(DvcConfig.SERVER);
        assertThat(err.toString()).contains("the server refused to adopt 'fa-nord'", "is as it was.");
        assertThat(text("agencies/be/berlin-senfin.yaml")).isEqualTo(before);
    }

    @Test
    void anAnswerLostOnTheWayKeepsTheFileAndAdoptingAgainFinishesWithoutWritingItTwice() throws IOException {
        Tree.valid(root);
        server.preview = saml("fa-nord", "berlin-senfin", RegistrationState.ACTIVE, "senfin.berlin.example");
        server.adoptRefusal = new ServerException("Cannot reach the server at http://localhost:8080 (ConnectException).");

        assertThat(adopt("fa-nord")).isEqualTo(DvcConfig.SERVER);
        assertThat(err.toString()).contains("got no answer", "run the same adopt again");
        String written = text("agencies/be/berlin-senfin.yaml");
        assertThat(written).contains("  - alias: fa-nord");

        server.adoptRefusal = null;
        assertThat(adopt("fa-nord")).as(err.toString()).isEqualTo(DvcConfig.VALID);
        assertThat(out.toString()).contains("described it already");
        assertThat(text("agencies/be/berlin-senfin.yaml")).isEqualTo(written);
        assertThat(server.adopted).containsExactly("fa-nord");
    }

    @Test
    void invalidFilesAreNotTouched() throws IOException {
        Tree.valid(root).replace("agencies/sh/gemeinde-01051001.yaml", "state: DE-SH", "state: DE-BE");
        server.preview = saml("fa-nord", "berlin-senfin", RegistrationState.ACTIVE, "senfin.berlin.example");
        assertThat(adopt("fa-nord")).isEqualTo(DvcConfig.INVALID);
        assertThat(out.toString()).contains("INVALID", "fix them before adopting. Nothing written.");
        assertThat(text("agencies/be/berlin-senfin.yaml")).doesNotContain("fa-nord");
    }
}
