package de.dvc.iam.config.validate;

import de.dvc.iam.config.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static de.dvc.iam.config.validate.Tree.at;
import static org.assertj.core.api.Assertions.assertThat;

/** Secrets only by reference; a written secret is an error that never repeats the secret. */
class SecretsTest {

    private static final String SECRET = "Xy7-very-secret-client-credential";

    @TempDir
    Path root;

    private Tree oidcAgency(String... extraLines) {
        String[] lines = {
                "kind: Agency",
                "id: bund-bmi",
                "name: Bundesministerium des Innern",
                "level: federal",
                "domains: [bmi.bund.example]",
                "idps:",
                "  - alias: bund-bmi",
                "    protocol: oidc",
                "    issuer: https://login.bmi.bund.example/realms/bmi",
                "    clientId: dvc-iam",
                "    profile: oidc"};
        String[] all = java.util.Arrays.copyOf(lines, lines.length + extraLines.length);
        System.arraycopy(extraLines, 0, all, lines.length, extraLines.length);
        return Tree.valid(root).file("agencies/bund/bund-bmi.yaml", all);
    }

    @Test
    void anInlineClientSecretIsAnErrorThatDoesNotRepeatIt() {
        Tree tree = oidcAgency("    clientSecret: " + SECRET);

        ValidationReport report = tree.validate();

        Problem secret = tree.only("secret_inline");
        at(secret, tree, "agencies/bund/bund-bmi.yaml", 12, 19);
        assertThat(secret.expected()).contains("env:NAME").contains("file:/");
        assertThat(report.problems()).as("one problem for it, not also the schema's pattern").hasSize(1);
        assertThat(report.problems()).allSatisfy(p -> assertThat(p.toText()).doesNotContain(SECRET));
        assertThat(report.federation().agencies()).as("a file with a secret is not used").extracting(a -> a.id())
                .doesNotContain("bund-bmi");
    }

    @Test
    void anAcrTablesKeysAreDataNotNames() {
        Tree tree = Tree.valid(root); // its acr table maps urn:…:PasswordProtectedTransport

        assertThat(tree.validate().problems()).isEmpty();
        assertThat(tree.validate().federation().agency("berlin-senfin").orElseThrow().idps().get(0).acrTable().orElseThrow())
                .containsKey("urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport");
    }

    @Test
    void referencesAreAccepted() {
        assertThat(oidcAgency("    clientSecret: env:DVC_BUND_BMI_CLIENT_SECRET").validate().problems()).isEmpty();
        assertThat(oidcAgency("    clientSecret: file:/run/secrets/bund-bmi").validate().problems()).isEmpty();
    }

    @Test
    void aReferenceMustNameAVariableOrAnAbsoluteFile() {
        Tree lowerCase = oidcAgency("    clientSecret: env:lower");
        at(lowerCase.only("secret_inline"), lowerCase, "agencies/bund/bund-bmi.yaml", 12, 19);
        Tree relative = oidcAgency("    clientSecret: file:secrets/bmi");
        at(relative.only("secret_inline"), relative, "agencies/bund/bund-bmi.yaml", 12, 19);
    }

    @Test
    void aSecretUnderAnyNameIsCaughtEvenWhereTheSchemaDoesNotKnowIt() {
        Tree tree = oidcAgency("    clientSecret: env:DVC_BUND_BMI_CLIENT_SECRET", "    bindPassword: " + SECRET,
                "    tokenEndpoint: https://login.bmi.bund.example/token");

        ValidationReport report = tree.validate();

        at(tree.only("secret_inline"), tree, "agencies/bund/bund-bmi.yaml", 13, 19);
        assertThat(report.problems()).extracting(Problem::code)
                .containsExactlyInAnyOrder("secret_inline", "schema_unknown_property", "schema_unknown_property");
        assertThat(report.problems()).allSatisfy(p -> assertThat(p.toText()).doesNotContain(SECRET));
    }

    @Test
    void privateKeysAndTokensAreCaughtInAnyValue() {
        Tree tree = Tree.valid(root).file("services/fachverfahren.yaml",
                "kind: Service",
                "clientId: fachverfahren",
                "name: Fachverfahren",
                "description: \"-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBg\\n-----END PRIVATE KEY-----\"",
                "owner: {agency: bund-bmi}",
                "contact: eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbm5hIn0.c2lnbmF0dXJl",
                "clientSecret: env:FACHVERFAHREN",
                "redirectUris: [https://fachverfahren.bund.example/callback]",
                "sector: fachverfahren.bund.example");

        ValidationReport report = tree.validate();

        assertThat(report.problems()).filteredOn(p -> p.code().equals("secret_inline")).extracting(p -> p.where().line())
                .containsExactly(4, 6);
        assertThat(report.problems()).allSatisfy(p -> assertThat(p.toText()).doesNotContain("MIIEvQIBADANBg"));
    }
}
