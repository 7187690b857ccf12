package de.dvc.iam.helm;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static de.dvc.iam.helm.Manifests.stream;
import static de.dvc.iam.helm.ServerPodTest.labels;
import static de.dvc.iam.helm.ServerPodTest.selectorLabels;
import static de.dvc.iam.helm.ServerPodTest.texts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may reach the Keycloak pods: http (8080) the ingress controller, JGroups (7800, 57800) only the release's own
 * Keycloak pods, management (9000) the monitoring namespace; nothing else.
 */
class NetworkPolicyTest {

    private final JsonNode policy = Chart.render().single("NetworkPolicy").path("spec");

    @Test
    void guardsTheKeycloakPodsIngressOnly() {
        assertThat(labels(policy.path("podSelector").path("matchLabels"))).isEqualTo(selectorLabels());
        assertThat(texts(policy.path("policyTypes"))).containsExactly("Ingress");
    }

    @Test
    void exactlyTheFourPortsInThreeRules() {
        assertThat(stream(policy.path("ingress")).map(NetworkPolicyTest::ports))
                .containsExactly(List.of(8080), List.of(7800, 57800), List.of(9000));
    }

    @Test
    void httpOnlyFromTheIngressControllerPodsInItsNamespace() {
        JsonNode from = rule(8080).path("from");

        assertThat(from).hasSize(1);
        // one peer with both selectors: pods matching the pod selector inside namespaces matching the namespace selector
        assertThat(labels(from.get(0).path("namespaceSelector").path("matchLabels")))
                .isEqualTo(Map.of("kubernetes.io/metadata.name", "ingress-nginx"));
        assertThat(labels(from.get(0).path("podSelector").path("matchLabels")))
                .isEqualTo(Map.of("app.kubernetes.io/name", "ingress-nginx"));
    }

    @Test
    void jgroupsOnlyBetweenTheReleasesOwnPods() {
        JsonNode from = rule(7800).path("from");

        assertThat(from).hasSize(1);
        assertThat(from.get(0).has("namespaceSelector")).as("no other namespace").isFalse();
        assertThat(labels(from.get(0).path("podSelector").path("matchLabels"))).isEqualTo(selectorLabels());
        assertThat(ports(rule(7800))).containsExactly(7800, 57800);
    }

    @Test
    void managementOnlyFromTheMonitoringNamespace() {
        JsonNode from = rule(9000).path("from");

        assertThat(from).hasSize(1);
        assertThat(labels(from.get(0).path("namespaceSelector").path("matchLabels")))
                .isEqualTo(Map.of("kubernetes.io/metadata.name", "monitoring"));
    }

    @Test
    void configJobMayCallTheServerWhenEnabled() {
        Manifests manifests = Chart.renderWithHooks("config-job");
        JsonNode from = manifests.single("NetworkPolicy").path("spec").path("ingress").get(0).path("from");
        JsonNode jobPodLabels = manifests.single("Job").path("spec").path("template").path("metadata").path("labels");

        assertThat(from).hasSize(2);
        Map<String, String> jobSelector = labels(from.get(1).path("podSelector").path("matchLabels"));
        assertThat(labels(jobPodLabels)).containsAllEntriesOf(jobSelector);
        // the job's peer entry opens only port 8080, not JGroups: its pods do not match the server selector
        assertThat(labels(jobPodLabels).entrySet().containsAll(selectorLabels().entrySet())).isFalse();
    }

    @Test
    void switchedOff() {
        assertThat(Chart.render(Map.of("networkPolicy.enabled", false)).ofKind("NetworkPolicy")).isEmpty();
    }

    private JsonNode rule(int port) {
        return stream(policy.path("ingress")).filter(r -> ports(r).contains(port)).findFirst()
                .orElseThrow(() -> new AssertionError("No ingress rule for port " + port + ": " + policy));
    }

    private static List<Integer> ports(JsonNode rule) {
        return stream(rule.path("ports")).peek(p -> assertThat(p.path("protocol").asText()).isEqualTo("TCP"))
                .map(p -> p.path("port").asInt()).toList();
    }
}
