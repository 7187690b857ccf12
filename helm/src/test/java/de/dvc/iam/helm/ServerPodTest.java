package de.dvc.iam.helm;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static de.dvc.iam.helm.Manifests.env;
import static de.dvc.iam.helm.Manifests.envValue;
import static de.dvc.iam.helm.Manifests.stream;
import static org.assertj.core.api.Assertions.assertThat;

/** The Keycloak StatefulSet as an installation with the minimal values gets it. */
class ServerPodTest {

    private final Manifests manifests = Chart.render();
    private final JsonNode statefulSet = manifests.single("StatefulSet");
    private final JsonNode pod = statefulSet.path("spec").path("template").path("spec");
    private final JsonNode keycloak = manifests.keycloak();

    @Test
    void startsThePreBuiltServer() {
        assertThat(texts(keycloak.path("args"))).containsExactly("start", "--optimized");
        assertThat(keycloak.path("image").asText()).isEqualTo("registry.example.invalid/dvc/dvc-iam:0.1.0-SNAPSHOT");
        // the image's entrypoint is kc.sh (helm/Containerfile); the chart must not replace it
        assertThat(keycloak.has("command")).isFalse();
    }

    @Test
    void extraArgsFollowStart() {
        JsonNode container = Chart.render(Map.of("extraArgs[0]", "--log-level=INFO,dvc.audit:DEBUG")).keycloak();

        assertThat(texts(container.path("args"))).containsExactly("start", "--optimized", "--log-level=INFO,dvc.audit:DEBUG");
    }

    @Test
    void probesAskTheManagementInterface() {
        assertThat(containerPort(keycloak, "management")).isEqualTo(9000);
        assertThat(probe("startupProbe")).isEqualTo("/health/started on management");
        assertThat(probe("livenessProbe")).isEqualTo("/health/live on management");
        assertThat(probe("readinessProbe")).isEqualTo("/health/ready on management");
    }

    @Test
    void opensHttpManagementAndJGroupsPorts() {
        assertThat(containerPort(keycloak, "http")).isEqualTo(8080);
        assertThat(containerPort(keycloak, "jgroups")).isEqualTo(7800);
        assertThat(containerPort(keycloak, "jgroups-fd")).isEqualTo(57800);
    }

    @Test
    void publicUrlProxyHeadersAndPlainHttpBehindTheIngress() {
        assertThat(envValue(keycloak, "KC_HOSTNAME")).isEqualTo("https://login.dvc.example");
        assertThat(envValue(keycloak, "KC_PROXY_HEADERS")).isEqualTo("xforwarded");
        assertThat(envValue(keycloak, "KC_HTTP_ENABLED")).isEqualTo("true");
        assertThat(env(keycloak, "KC_PROXY_TRUSTED_ADDRESSES").isMissingNode()).isTrue();
    }

    @Test
    void databaseLocationAsValuesCredentialsFromTheSecret() {
        assertThat(envValue(keycloak, "KC_DB_URL_HOST")).isEqualTo("postgres.dvc-db.svc");
        assertThat(envValue(keycloak, "KC_DB_URL_PORT")).isEqualTo("5432");
        assertThat(envValue(keycloak, "KC_DB_URL_DATABASE")).isEqualTo("keycloak");
        assertThat(secretRef("KC_DB_USERNAME")).isEqualTo("dvc-iam-db/username");
        assertThat(secretRef("KC_DB_PASSWORD")).isEqualTo("dvc-iam-db/password");
    }

    @Test
    void databaseSecretKeysAreConfigurable() {
        JsonNode container = Chart.render(Map.of("database.usernameKey", "user", "database.passwordKey", "pass")).keycloak();

        assertThat(secretRef(container, "KC_DB_USERNAME")).isEqualTo("dvc-iam-db/user");
        assertThat(secretRef(container, "KC_DB_PASSWORD")).isEqualTo("dvc-iam-db/pass");
    }

    @Test
    void auditKeysFromTheSecretUnderTheSpiOptionsEnvironmentNames() {
        assertThat(secretRef("KC_SPI_EVENTS_LISTENER__DVC_AUDIT__PSEUDONYM_KEY")).isEqualTo("dvc-iam-audit/pseudonym-key");
        assertThat(secretRef("KC_SPI_EVENTS_LISTENER__DVC_AUDIT__CHAIN_KEY")).isEqualTo("dvc-iam-audit/chain-key");
        // Keycloak 26 reads KC_X__Y as option x--y ("_" -> "-"): these are the options the audit listener reads
        assertThat(option("KC_SPI_EVENTS_LISTENER__DVC_AUDIT__PSEUDONYM_KEY")).isEqualTo("spi-events-listener--dvc-audit--pseudonym-key");
        assertThat(option("KC_SPI_EVENTS_LISTENER__DVC_AUDIT__CHAIN_KEY")).isEqualTo("spi-events-listener--dvc-audit--chain-key");
    }

    @Test
    void withoutAuditSecretNoAuditKeyVariables() {
        JsonNode container = Chart.render(Map.of("audit.existingSecret", "")).keycloak();

        assertThat(stream(container.path("env")).map(e -> e.path("name").asText()))
                .noneMatch(name -> name.startsWith("KC_SPI_EVENTS_LISTENER__DVC_AUDIT__"));
    }

    @Test
    void asyncCommitOffByDefault() {
        assertThat(envValue(keycloak, "KC_SPI_CONNECTIONS_JPA__QUARKUS__ASYNC_COMMIT")).isEqualTo("false");
        assertThat(option("KC_SPI_CONNECTIONS_JPA__QUARKUS__ASYNC_COMMIT")).isEqualTo("spi-connections-jpa--quarkus--async-commit");

        JsonNode optedIn = Chart.render(Map.of("database.asyncCommit", true)).keycloak();
        assertThat(envValue(optedIn, "KC_SPI_CONNECTIONS_JPA__QUARKUS__ASYNC_COMMIT")).isEqualTo("true");
    }

    @Test
    void infinispanClusterOverJdbcPingByDefault() {
        assertThat(envValue(keycloak, "KC_CACHE")).isEqualTo("ispn");
        assertThat(envValue(keycloak, "KC_CACHE_STACK")).isEqualTo("jdbc-ping");
        assertThat(texts(keycloak.path("args"))).noneMatch(arg -> arg.contains("jgroups.dns.query"));
        assertThat(envValue(keycloak, "KC_CACHE_EMBEDDED_NETWORK_BIND_ADDRESS")).isEqualTo("$(POD_IP)");
        assertThat(env(keycloak, "POD_IP").path("valueFrom").path("fieldRef").path("fieldPath").asText()).isEqualTo("status.podIP");
    }

    @Test
    void hardenedSecurityContext() {
        JsonNode container = keycloak.path("securityContext");
        assertThat(container.path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(container.path("readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(container.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
        assertThat(texts(container.path("capabilities").path("drop"))).containsExactly("ALL");
        assertThat(container.path("seccompProfile").path("type").asText()).isEqualTo("RuntimeDefault");
        assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod.path("securityContext").path("seccompProfile").path("type").asText()).isEqualTo("RuntimeDefault");
        assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).isFalse();
    }

    @Test
    void writableDataAndTmpOnEmptyDirVolumes() {
        assertThat(mountPath("data")).isEqualTo("/opt/keycloak/data");
        assertThat(mountPath("tmp")).isEqualTo("/tmp");
        assertThat(stream(pod.path("volumes")).filter(v -> v.has("emptyDir")).map(v -> v.path("name").asText()))
                .contains("data", "tmp");
    }

    @Test
    void resourcesFromKeycloaksSizingGuide() {
        JsonNode resources = keycloak.path("resources");
        assertThat(resources.path("requests").path("memory").asText()).isEqualTo("1250Mi");
        assertThat(resources.path("limits").path("memory").asText()).isEqualTo("1360Mi");
        assertThat(resources.path("requests").path("cpu").asText()).isEqualTo("2");
        assertThat(resources.path("limits").path("cpu").asText()).isEqualTo("5");
    }

    @Test
    void podsPreferSeparateNodesAndSpreadOverZones() {
        JsonNode preferred = pod.path("affinity").path("podAntiAffinity").path("preferredDuringSchedulingIgnoredDuringExecution");
        assertThat(preferred).hasSize(1);
        assertThat(preferred.get(0).path("podAffinityTerm").path("topologyKey").asText()).isEqualTo("kubernetes.io/hostname");
        assertThat(labels(preferred.get(0).path("podAffinityTerm").path("labelSelector").path("matchLabels"))).isEqualTo(selectorLabels());
        assertThat(pod.path("affinity").path("podAntiAffinity").has("requiredDuringSchedulingIgnoredDuringExecution")).isFalse();

        JsonNode spread = pod.path("topologySpreadConstraints");
        assertThat(spread).hasSize(1);
        assertThat(spread.get(0).path("topologyKey").asText()).isEqualTo("topology.kubernetes.io/zone");
        assertThat(spread.get(0).path("whenUnsatisfiable").asText()).isEqualTo("ScheduleAnyway");
        assertThat(labels(spread.get(0).path("labelSelector").path("matchLabels"))).isEqualTo(selectorLabels());
    }

    @Test
    void disruptionBudgetKeepsAllButOneNode() {
        JsonNode pdb = manifests.single("PodDisruptionBudget");

        assertThat(pdb.path("spec").path("maxUnavailable").asInt()).isEqualTo(1);
        assertThat(labels(pdb.path("spec").path("selector").path("matchLabels"))).isEqualTo(selectorLabels());
    }

    @Test
    void threeNodesBehindAGoverningHeadlessService() {
        assertThat(statefulSet.path("spec").path("replicas").asInt()).isEqualTo(3);
        JsonNode headless = manifests.named("Service", Chart.FULLNAME + "-headless");
        assertThat(statefulSet.path("spec").path("serviceName").asText()).isEqualTo(Chart.FULLNAME + "-headless");
        assertThat(headless.path("spec").path("clusterIP").asText()).isEqualTo("None");
        assertThat(headless.path("spec").path("publishNotReadyAddresses").asBoolean()).isTrue();
    }

    @Test
    void httpServiceExposesHttpAndManagement() {
        JsonNode service = manifests.named("Service", Chart.FULLNAME);

        assertThat(stream(service.path("spec").path("ports")).map(p -> p.path("name").asText() + ":" + p.path("port").asInt()))
                .containsExactly("http:8080", "management:9000");
        assertThat(labels(service.path("spec").path("selector"))).isEqualTo(selectorLabels());
    }

    static Map<String, String> selectorLabels() {
        return Map.of("app.kubernetes.io/name", "dvc-iam", "app.kubernetes.io/instance", Chart.RELEASE);
    }

    static Map<String, String> labels(JsonNode map) {
        java.util.LinkedHashMap<String, String> labels = new java.util.LinkedHashMap<>();
        map.fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }

    static List<String> texts(JsonNode array) {
        return stream(array).map(JsonNode::asText).toList();
    }

    static int containerPort(JsonNode container, String name) {
        return stream(container.path("ports")).filter(p -> name.equals(p.path("name").asText()))
                .mapToInt(p -> p.path("containerPort").asInt()).findFirst()
                .orElseThrow(() -> new AssertionError("No container port " + name + " in " + container.path("ports")));
    }

    /** Keycloak 26's reading of an environment variable as option name: without KC_, lower case, "_" as "-". */
    static String option(String envName) {
        return envName.substring("KC_".length()).toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    private String probe(String kind) {
        JsonNode get = keycloak.path(kind).path("httpGet");
        return get.path("path").asText() + " on " + get.path("port").asText();
    }

    private String secretRef(String envName) {
        return secretRef(keycloak, envName);
    }

    private static String secretRef(JsonNode container, String envName) {
        JsonNode env = env(container, envName);
        assertThat(env.has("value")).as("%s must not have a plain value", envName).isFalse();
        JsonNode ref = env.path("valueFrom").path("secretKeyRef");
        return ref.path("name").asText() + "/" + ref.path("key").asText();
    }

    private String mountPath(String volume) {
        return stream(keycloak.path("volumeMounts")).filter(m -> volume.equals(m.path("name").asText()))
                .map(m -> m.path("mountPath").asText()).findFirst().orElse("<not mounted>");
    }
}
