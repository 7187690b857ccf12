package de.dvc.iam.helm;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static de.dvc.iam.helm.Manifests.envValue;
import static de.dvc.iam.helm.Manifests.stream;
import static de.dvc.iam.helm.ServerPodTest.labels;
import static de.dvc.iam.helm.ServerPodTest.selectorLabels;
import static de.dvc.iam.helm.ServerPodTest.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the value sets switch on: DNS_PING, HPA + ServiceMonitor + Ingress + required anti-affinity, the config job. */
class OptionalResourcesTest {

    @Test
    void defaultsCreateNoOptionalResources() {
        Manifests manifests = Chart.renderWithHooks();

        assertThat(manifests.kinds()).containsExactlyInAnyOrder(
                "NetworkPolicy/" + Chart.FULLNAME, "PodDisruptionBudget/" + Chart.FULLNAME, "ServiceAccount/" + Chart.FULLNAME,
                "Service/" + Chart.FULLNAME + "-headless", "Service/" + Chart.FULLNAME, "StatefulSet/" + Chart.FULLNAME);
    }

    @Test
    void kubernetesStackQueriesTheHeadlessServiceByDns() {
        Manifests manifests = Chart.render("kubernetes-stack");
        JsonNode keycloak = manifests.keycloak();

        assertThat(envValue(keycloak, "KC_CACHE_STACK")).isEqualTo("kubernetes");
        assertThat(texts(keycloak.path("args"))).containsExactly(
                "-Djgroups.dns.query=" + Chart.FULLNAME + "-headless." + Chart.NAMESPACE + ".svc.cluster.example", "start", "--optimized");
        JsonNode headless = manifests.named("Service", Chart.FULLNAME + "-headless");
        assertThat(headless.path("spec").path("publishNotReadyAddresses").asBoolean())
                .as("starting nodes must find each other before they are ready").isTrue();
        assertThat(labels(headless.path("spec").path("selector"))).isEqualTo(selectorLabels());
    }

    @Test
    void autoscalerOwnsTheReplicaCount() {
        Manifests manifests = Chart.render("scaled");
        JsonNode hpa = manifests.single("HorizontalPodAutoscaler");

        assertThat(hpa.path("apiVersion").asText()).isEqualTo("autoscaling/v2");
        assertThat(hpa.path("spec").path("scaleTargetRef").path("kind").asText()).isEqualTo("StatefulSet");
        assertThat(hpa.path("spec").path("scaleTargetRef").path("name").asText()).isEqualTo(Chart.FULLNAME);
        assertThat(hpa.path("spec").path("minReplicas").asInt()).isEqualTo(3);
        assertThat(hpa.path("spec").path("maxReplicas").asInt()).isEqualTo(9);
        assertThat(manifests.single("StatefulSet").path("spec").has("replicas"))
                .as("a replica count in the StatefulSet would fight the HPA at every upgrade").isFalse();
    }

    @Test
    void autoscalerBoundsMustBeOrdered() {
        assertThatThrownBy(() -> Chart.render(Map.of("autoscaling.minReplicas", 5, "autoscaling.maxReplicas", 4), "scaled"))
                .hasMessageContaining("autoscaling.minReplicas (5) is greater than autoscaling.maxReplicas (4)");
    }

    @Test
    void serviceMonitorScrapesMetricsOnTheManagementPortOfTheHttpService() {
        Manifests manifests = Chart.render("scaled");
        JsonNode monitor = manifests.single("ServiceMonitor");
        JsonNode endpoint = monitor.path("spec").path("endpoints").get(0);
        Map<String, String> selector = labels(monitor.path("spec").path("selector").path("matchLabels"));

        assertThat(monitor.path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(endpoint.path("port").asText()).isEqualTo("management");
        assertThat(endpoint.path("path").asText()).isEqualTo("/metrics");
        assertThat(monitor.path("metadata").path("labels").path("release").asText()).isEqualTo("kube-prometheus-stack");
        assertThat(manifests.ofKind("Service").filter(s -> labels(s.path("metadata").path("labels")).entrySet().containsAll(selector.entrySet()))
                .map(s -> s.path("metadata").path("name").asText()))
                .as("the monitor selects the HTTP Service, which has the management port, and not the headless one")
                .containsExactly(Chart.FULLNAME);
    }

    @Test
    void ingressRoutesThePublicHostWithTls() {
        JsonNode ingress = Chart.render("scaled").single("Ingress").path("spec");
        JsonNode rule = ingress.path("rules").get(0);

        assertThat(ingress.path("ingressClassName").asText()).isEqualTo("nginx");
        assertThat(rule.path("host").asText()).isEqualTo("login.dvc.example");
        assertThat(texts(ingress.path("tls").get(0).path("hosts"))).containsExactly("login.dvc.example");
        assertThat(ingress.path("tls").get(0).path("secretName").asText()).isEqualTo("login-dvc-example-tls");
        assertThat(stream(rule.path("http").path("paths")).map(p -> p.path("path").asText())).containsExactly("/realms/", "/resources/");
        assertThat(stream(rule.path("http").path("paths")).map(p -> p.path("backend").path("service")))
                .allSatisfy(s -> {
                    assertThat(s.path("name").asText()).isEqualTo(Chart.FULLNAME);
                    assertThat(s.path("port").path("name").asText()).isEqualTo("http");
                });
    }

    @Test
    void requiredAntiAffinityKeepsPodsOnSeparateNodes() {
        JsonNode antiAffinity = Chart.render("scaled").single("StatefulSet").path("spec").path("template").path("spec")
                .path("affinity").path("podAntiAffinity");
        JsonNode required = antiAffinity.path("requiredDuringSchedulingIgnoredDuringExecution");

        assertThat(required).hasSize(1);
        assertThat(required.get(0).path("topologyKey").asText()).isEqualTo("kubernetes.io/hostname");
        assertThat(labels(required.get(0).path("labelSelector").path("matchLabels"))).isEqualTo(selectorLabels());
        assertThat(antiAffinity.has("preferredDuringSchedulingIgnoredDuringExecution")).isFalse();
    }

    @Test
    void trustedProxyAddressesLimitWhoMaySetForwardedHeaders() {
        assertThat(envValue(Chart.render("scaled").keycloak(), "KC_PROXY_TRUSTED_ADDRESSES")).isEqualTo("10.42.0.0/16");
    }

    @Test
    void configJobRunsAfterInstallAndUpgrade() {
        JsonNode job = Chart.renderWithHooks("config-job").single("Job");
        JsonNode annotations = job.path("metadata").path("annotations");
        JsonNode container = job.path("spec").path("template").path("spec").path("containers").get(0);

        assertThat(annotations.path(Chart.HOOK_ANNOTATION_PREFIX).asText()).isEqualTo("post-install,post-upgrade");
        assertThat(container.path("image").asText()).isEqualTo("registry.example.invalid/dvc/dvc-federation-config:0.1.0");
        assertThat(texts(container.path("command"))).containsExactly("federation-config");
        assertThat(texts(container.path("args"))).containsExactly("apply", "--file", "/config/federation.yaml");
        assertThat(envValue(container, "KEYCLOAK_URL")).isEqualTo("http://" + Chart.FULLNAME + "." + Chart.NAMESPACE + ".svc:8080");
        assertThat(stream(container.path("volumeMounts")).filter(m -> "/config".equals(m.path("mountPath").asText())).count()).isEqualTo(1);
        assertThat(job.path("spec").path("template").path("spec").path("restartPolicy").asText()).isEqualTo("Never");
        assertThat(container.path("securityContext").path("readOnlyRootFilesystem").asBoolean()).isTrue();
    }

    @Test
    void configJobPodIsNoServerPod() {
        Manifests manifests = Chart.renderWithHooks("config-job");
        Map<String, String> jobPodLabels = labels(manifests.single("Job").path("spec").path("template").path("metadata").path("labels"));

        // a running job pod inside the Services' or StatefulSet's selector would receive login traffic
        assertThat(jobPodLabels.entrySet().containsAll(selectorLabels().entrySet()))
                .as("job pod labels %s match the server selector", jobPodLabels).isFalse();
        assertThat(jobPodLabels).containsEntry("app.kubernetes.io/component", "config-job");
    }

    @Test
    void configJobIsAHookHelmJavaLeavesOut() {
        // the real chart marks the job as a hook: helm-java's template (release manifest only) does not show it
        assertThat(Chart.render("config-job").ofKind("Job")).isEmpty();
        assertThat(Chart.renderWithHooks("config-job").ofKind("Job")).hasSize(1);
    }
}
