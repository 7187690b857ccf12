package de.dvc.iam.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static de.dvc.iam.helm.Manifests.stream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** No container of any value set gets a secret as a plain {@code value:}; secrets come from Secrets. */
class NoPlainSecretsTest {

    /** The same rule as the chart's dvc-iam.checkNoPlainSecrets (templates/_helpers.tpl). */
    static final Pattern SECRET_NAME = Pattern.compile("(^|_)(PASSWORD|PASSWD|SECRET|CREDENTIALS?)(_|$)|(^|_)(KEY|TOKEN)$");

    @ParameterizedTest
    @ValueSource(strings = {"minimal", "kubernetes-stack", "scaled", "config-job"})
    void noEnvEntryWithASecretNameHasAPlainValue(String valueSet) {
        Manifests manifests = Chart.renderWithHooks(valueSet);

        assertThat(manifests.containers()).isNotEmpty();
        assertThat(manifests.containers().flatMap(c -> plainSecrets(c).stream())).isEmpty();
        // the secret-named variables there are, come from secretKeyRef
        assertThat(manifests.containers().flatMap(c -> stream(c.path("env")))
                .filter(e -> SECRET_NAME.matcher(e.path("name").asText()).find()))
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.path("valueFrom").path("secretKeyRef").path("name").asText()).isNotBlank());
    }

    @Test
    void theCheckFindsAPlainSecret() throws Exception {
        JsonNode container = new YAMLMapper().readTree("""
                env:
                  - {name: KC_DB_URL_HOST, value: db}
                  - {name: KC_DB_PASSWORD, value: hunter2}
                  - {name: API_TOKEN, value: abc}
                  - {name: KC_HTTPS_KEY_STORE_FILE, value: /etc/tls/keystore.p12}
                  - {name: KC_SPI_EVENTS_LISTENER__DVC_AUDIT__CHAIN_KEY, valueFrom: {secretKeyRef: {name: s, key: k}}}
                """);

        assertThat(plainSecrets(container)).containsExactly("KC_DB_PASSWORD", "API_TOKEN");
    }

    @Test
    void chartRefusesAPlainSecretInExtraEnv() {
        assertThatThrownBy(() -> Chart.render(Map.of("extraEnv[0].name", "KC_SPI_EVENTS_LISTENER__DVC_AUDIT__CHAIN_KEY",
                "extraEnv[0].value", "0123456789abcdef0123456789abcdef")))
                .hasMessageContaining("extraEnv KC_SPI_EVENTS_LISTENER__DVC_AUDIT__CHAIN_KEY has a plain value")
                .hasMessageContaining("valueFrom.secretKeyRef");
    }

    @Test
    void chartRefusesAPlainSecretInTheConfigJobsEnv() {
        assertThatThrownBy(() -> Chart.renderWithHooks("config-job", "config-job-plain-secret"))
                .hasMessageContaining("configJob.env FEDERATION_CLIENT_SECRET has a plain value");
    }

    @Test
    void chartTakesSecretsFromSecretsAndPathsAsValues() {
        JsonNode keycloak = Chart.render(Map.of(
                "extraEnv[0].name", "KC_HTTPS_KEY_STORE_FILE", "extraEnv[0].value", "/etc/tls/keystore.p12",
                "extraEnv[1].name", "KC_HTTPS_KEY_STORE_PASSWORD",
                "extraEnv[1].valueFrom.secretKeyRef.name", "tls", "extraEnv[1].valueFrom.secretKeyRef.key", "password")).keycloak();

        assertThat(Manifests.envValue(keycloak, "KC_HTTPS_KEY_STORE_FILE")).isEqualTo("/etc/tls/keystore.p12");
        assertThat(Manifests.env(keycloak, "KC_HTTPS_KEY_STORE_PASSWORD").path("valueFrom").path("secretKeyRef").path("name").asText())
                .isEqualTo("tls");
    }

    static List<String> plainSecrets(JsonNode container) {
        return stream(container.path("env"))
                .filter(e -> e.has("value") && SECRET_NAME.matcher(e.path("name").asText().toUpperCase(java.util.Locale.ROOT)).find())
                .map(e -> e.path("name").asText())
                .toList();
    }
}
