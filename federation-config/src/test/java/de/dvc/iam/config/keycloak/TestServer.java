package de.dvc.iam.config.keycloak;

import de.dvc.iam.config.apply.Applier;
import de.dvc.iam.config.apply.ApplyReport;
import de.dvc.iam.config.apply.Progress;
import de.dvc.iam.config.cli.Environment;
import de.dvc.iam.config.plan.DesiredFederation;
import de.dvc.iam.config.plan.Plan;
import de.dvc.iam.config.plan.Planner;
import de.dvc.iam.config.state.Secrets;
import de.dvc.iam.config.validate.Tree;
import de.dvc.iam.config.validate.ValidationReport;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A DVC IAM server for unit tests: {@link KeycloakServerState} over an {@link InMemoryRealm} that publishes the
 * metadata and discovery documents of {@link Tree#valid}'s IdPs, and the secrets that tree references. Not a
 * Keycloak: what the real admin API does differently is the integration test's business.
 */
public final class TestServer {

    public static final String SAML_METADATA = "https://idp.senfin.berlin.example/metadata";
    public static final String SAML_ENTITY = "https://idp.senfin.berlin.example";
    public static final String OIDC_ISSUER = "https://login.bmi.bund.example/realms/bmi";
    /** Distinctive values, so a test can assert they are printed nowhere. */
    public static final String BMI_SECRET = "bmi-secret-4f9a7c0d";
    public static final String SERVICE_SECRET = "fv-secret-8e2d1b6a";

    public final InMemoryRealm realm = new InMemoryRealm()
            .publish(SAML_METADATA, Map.of("idpEntityId", SAML_ENTITY, "singleSignOnServiceUrl", SAML_ENTITY + "/sso",
                    "metadataDescriptorUrl", SAML_METADATA))
            .publish(OIDC_ISSUER + "/.well-known/openid-configuration", Map.of("issuer", OIDC_ISSUER,
                    "authorizationUrl", OIDC_ISSUER + "/auth", "tokenUrl", OIDC_ISSUER + "/token", "jwksUrl", OIDC_ISSUER + "/jwks"));

    private volatile Map<String, String> secretValues = Map.of("env:DVC_BUND_BMI_CLIENT_SECRET", BMI_SECRET,
            "file:/run/secrets/fachverfahren", SERVICE_SECRET);

    public Secrets secrets() {
        return reference -> java.util.Optional.ofNullable(secretValues.get(reference.reference()));
    }

    public void secrets(Map<String, String> values) {
        secretValues = Map.copyOf(values);
    }

    public KeycloakServerState state() {
        return new KeycloakServerState(realm, "dvc", 2);
    }

    public Plan plan(Path directory) {
        return plan(directory, state());
    }

    public Plan plan(Path directory, KeycloakServerState state) {
        ValidationReport report = Tree.VALIDATOR.validate(directory);
        assertThat(report.valid()).as("the files are valid: " + report.problems()).isTrue();
        return Planner.plan(DesiredFederation.of(report.federation(), secrets()), state.read());
    }

    /** Plans and applies {@code directory}; the plan must have no conflicts. */
    public ApplyReport apply(Path directory) {
        return apply(directory, 2);
    }

    public ApplyReport apply(Path directory, int parallelism) {
        KeycloakServerState state = state();
        Plan plan = plan(directory, state);
        assertThat(plan.conflicts()).as("conflicts").isEmpty();
        return new Applier(state, parallelism, Progress.NONE).apply(plan);
    }

    /** The environment of the command line with this server and its secrets. */
    public Environment environment() {
        return new Environment((options, realmName, secrets) -> new KeycloakServerState(realm, realmName, 2), secrets());
    }
}
