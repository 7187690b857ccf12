package de.dvc.iam.helm;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static de.dvc.iam.helm.ServerPodTest.labels;
import static de.dvc.iam.helm.ServerPodTest.selectorLabels;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every object of every value set lives in the release namespace and carries the Kubernetes recommended labels plus
 * helm.sh/chart; selectors use only name and instance, which never change over a release's life.
 */
class ResourceMetadataTest {

    static final List<String> RECOMMENDED_LABELS = List.of("app.kubernetes.io/name", "app.kubernetes.io/instance",
            "app.kubernetes.io/version", "app.kubernetes.io/component", "app.kubernetes.io/part-of",
            "app.kubernetes.io/managed-by", "helm.sh/chart");

    @ParameterizedTest
    @ValueSource(strings = {"minimal", "kubernetes-stack", "scaled", "config-job"})
    void everyObjectIsNamespacedAndLabelled(String valueSet) {
        Manifests manifests = Chart.renderWithHooks(valueSet);

        assertThat(manifests.all()).isNotEmpty().allSatisfy(object -> {
            String what = object.path("kind").asText() + "/" + object.path("metadata").path("name").asText();
            assertThat(object.path("metadata").path("namespace").asText()).as("namespace of %s", what).isEqualTo(Chart.NAMESPACE);
            Map<String, String> labels = labels(object.path("metadata").path("labels"));
            assertThat(labels).as("labels of %s", what).containsKeys(RECOMMENDED_LABELS.toArray(String[]::new));
            assertThat(labels.values()).as("labels of %s", what).allSatisfy(v -> assertThat(v).isNotBlank());
            assertThat(labels).as("labels of %s", what)
                    .containsEntry("app.kubernetes.io/instance", Chart.RELEASE)
                    .containsEntry("app.kubernetes.io/part-of", "dvc-iam")
                    .containsEntry("app.kubernetes.io/managed-by", "Helm")
                    .containsEntry("app.kubernetes.io/version", "0.1.0-SNAPSHOT")
                    .containsEntry("helm.sh/chart", "dvc-iam-0.1.0");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"minimal", "kubernetes-stack", "scaled", "config-job"})
    void selectorsUseOnlyNameAndInstance(String valueSet) {
        Manifests manifests = Chart.renderWithHooks(valueSet);

        assertThat(selectors(manifests)).isNotEmpty().allSatisfy(selector -> assertThat(selector).isEqualTo(selectorLabels()));
    }

    @Test
    void podTemplateCarriesTheSelectorAndPodLabelsCannotReplaceIt() {
        JsonNode pod = Chart.render(Map.of("podLabels.team", "iam", "podLabels.app\\.kubernetes\\.io/name", "other"))
                .single("StatefulSet").path("spec").path("template").path("metadata");

        assertThat(labels(pod.path("labels")))
                .containsAllEntriesOf(selectorLabels())
                .containsEntry("team", "iam")
                .containsEntry("app.kubernetes.io/component", "server");
    }

    private static Stream<Map<String, String>> selectors(Manifests manifests) {
        return Stream.of(
                manifests.ofKind("StatefulSet").map(o -> o.path("spec").path("selector").path("matchLabels")),
                manifests.ofKind("Service").map(o -> o.path("spec").path("selector")),
                manifests.ofKind("PodDisruptionBudget").map(o -> o.path("spec").path("selector").path("matchLabels")),
                manifests.ofKind("NetworkPolicy").map(o -> o.path("spec").path("podSelector").path("matchLabels")))
                .flatMap(s -> s).map(ServerPodTest::labels);
    }
}
