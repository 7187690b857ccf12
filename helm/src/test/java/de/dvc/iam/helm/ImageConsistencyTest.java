package de.dvc.iam.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static de.dvc.iam.helm.Manifests.envValue;
import static de.dvc.iam.helm.Manifests.stream;
import static de.dvc.iam.helm.ServerPodTest.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The image (helm/Containerfile), the chart and the distribution module agree: the image is built with the options the
 * tested distribution is built with (on PostgreSQL), and the chart never asks the server for other build-time options.
 */
class ImageConsistencyTest {

    /** Options the Containerfile lists that Keycloak 26.7.3 reads at runtime only (kc.sh build ignores them). */
    static final List<String> RUNTIME_OPTIONS = List.of("cache", "cache-stack");

    @Test
    void imageIsBuiltForPostgres() throws IOException {
        Map<String, String> build = containerfileBuildOptions();

        assertThat(build).containsEntry("db", "postgres").containsEntry("health-enabled", "true").containsEntry("metrics-enabled", "true");
    }

    @Test
    void imageHasTheBuildOptionsOfTheDistributionsClusterVariant() throws IOException {
        assertThat(containerfileBuildOptions()).isEqualTo(clusterBuildOptions());
    }

    @Test
    void chartRunsTheInfinispanClusterTheImageIsMeantFor() throws IOException {
        Map<String, String> build = containerfileBuildOptions();
        JsonNode keycloak = Chart.render().keycloak();

        assertThat(build).containsEntry("cache", "ispn");
        assertThat(envValue(keycloak, "KC_CACHE")).isEqualTo(build.get("cache"));
        assertThat(envValue(keycloak, "KC_CACHE_STACK")).isEqualTo(build.get("cache-stack")).isEqualTo("jdbc-ping");
    }

    @Test
    void chartKnowsTheImagesBuildTimeOptions() throws IOException {
        Map<String, String> expected = new LinkedHashMap<>();
        containerfileBuildOptions().forEach((option, value) -> {
            if (!RUNTIME_OPTIONS.contains(option)) {
                expected.put(envName(option), value);
            }
        });

        assertThat(chartBuildTimeOptions()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"minimal", "kubernetes-stack", "scaled"})
    void chartSetsNoBuildTimeOptionToAnotherValue(String valueSet) throws IOException {
        JsonNode keycloak = Chart.render(valueSet).keycloak();
        Map<String, String> build = containerfileBuildOptions();
        RUNTIME_OPTIONS.forEach(build::remove);

        build.forEach((option, value) -> {
            JsonNode env = Manifests.env(keycloak, envName(option));
            if (!env.isMissingNode()) {
                assertThat(env.path("value").asText()).as("env %s", envName(option)).isEqualTo(value);
            }
            assertThat(texts(keycloak.path("args")))
                    .allSatisfy(arg -> assertThat(arg.startsWith("--" + option + "=") && !arg.equals("--" + option + "=" + value))
                            .as("argument %s", arg).isFalse());
        });
        assertThat(Manifests.env(keycloak, "KC_DB").isMissingNode() || "postgres".equals(envValue(keycloak, "KC_DB"))).isTrue();
    }

    @Test
    void chartRefusesAnotherDatabaseInExtraEnv() {
        assertThatThrownBy(() -> Chart.render(Map.of("extraEnv[0].name", "KC_DB", "extraEnv[0].value", "mysql")))
                .hasMessageContaining("extraEnv KC_DB=mysql: KC_DB is a build-time option, fixed to \"postgres\"");
    }

    @Test
    void chartRefusesAnotherFeatureSetInExtraArgs() {
        assertThatThrownBy(() -> Chart.render(Map.of("extraArgs[0]", "--features-disabled=ciba")))
                .hasMessageContaining("extraArgs --features-disabled=ciba: a build-time option");
    }

    @Test
    void chartAcceptsTheBuildTimeValueItself() {
        JsonNode keycloak = Chart.render(Map.of("extraEnv[0].name", "KC_DB", "extraEnv[0].value", "postgres")).keycloak();

        assertThat(envValue(keycloak, "KC_DB")).isEqualTo("postgres");
    }

    @Test
    void imageRunsAsTheUserTheChartExpects() throws IOException {
        String containerfile = Files.readString(Chart.containerfile());
        String finalStage = containerfile.substring(containerfile.lastIndexOf("\nFROM "));
        JsonNode pod = Chart.render().single("StatefulSet").path("spec").path("template").path("spec");

        assertThat(finalStage).contains("\nUSER 1000\n").contains("ENTRYPOINT [\"/opt/keycloak/bin/kc.sh\"]")
                .contains("COPY --from=builder");
        assertThat(pod.path("securityContext").path("runAsUser").asInt()).isEqualTo(1000);
        assertThat(containerfile).contains("COPY --chown=1000:0 distribution/target/dvc-iam /opt/keycloak")
                .contains("/opt/keycloak/bin/kc.sh build ${KC_BUILD_OPTIONS}");
    }

    @Test
    void imageExposesTheChartsContainerPorts() throws IOException {
        Matcher expose = Pattern.compile("(?m)^EXPOSE (.+)$").matcher(Files.readString(Chart.containerfile()));
        assertThat(expose.find()).isTrue();
        List<Integer> exposed = Arrays.stream(expose.group(1).trim().split("\\s+")).map(Integer::valueOf).sorted().toList();

        assertThat(stream(Chart.render().keycloak().path("ports")).map(p -> p.path("containerPort").asInt()).sorted().toList())
                .isEqualTo(exposed).containsExactly(7800, 8080, 9000, 57800);
    }

    @Test
    void chartVersionsFollowTheBuild() throws IOException {
        JsonNode chart = new YAMLMapper().readTree(Chart.directory().resolve("Chart.yaml").toFile());

        assertThat(chart.path("apiVersion").asText()).isEqualTo("v2");
        assertThat(chart.path("appVersion").asText()).isEqualTo(Chart.systemProperty("dvc.project.version"));
        assertThat(chart.path("annotations").path("dvc.de/keycloak-version").asText())
                .isEqualTo(Chart.systemProperty("dvc.keycloak.version"));
    }

    /** The options of {@code ARG KC_BUILD_OPTIONS="..."} in the Containerfile, by option name without "--". */
    static Map<String, String> containerfileBuildOptions() throws IOException {
        Matcher arg = Pattern.compile("(?m)^ARG KC_BUILD_OPTIONS=\"([^\"]+)\"$").matcher(Files.readString(Chart.containerfile()));
        assertThat(arg.find()).as("helm/Containerfile has an ARG KC_BUILD_OPTIONS=\"...\" line").isTrue();
        return options(arg.group(1));
    }

    /**
     * The build options of the distribution module's cluster variant (distribution/pom.xml,
     * {@code kc.cluster.build.options}); where the module has none, its {@code kc.build.options} with PostgreSQL for
     * the embedded H2 and an Infinispan cluster (jdbc-ping) for the local caches.
     */
    static Map<String, String> clusterBuildOptions() throws IOException {
        String pom = Files.readString(Chart.distributionPom());
        Matcher cluster = Pattern.compile("<kc\\.cluster\\.build\\.options>([^<]+)</kc\\.cluster\\.build\\.options>").matcher(pom);
        if (cluster.find()) {
            return options(cluster.group(1));
        }
        Matcher local = Pattern.compile("<kc\\.build\\.options>([^<]+)</kc\\.build\\.options>").matcher(pom);
        assertThat(local.find()).as("distribution/pom.xml has a kc.build.options property").isTrue();
        Map<String, String> options = options(local.group(1));
        assertThat(options).containsEntry("db", "dev-file").containsEntry("cache", "local");
        Map<String, String> derived = new LinkedHashMap<>();
        options.forEach((option, value) -> {
            switch (option) {
                case "db" -> derived.put("db", "postgres");
                case "cache" -> {
                    derived.put("cache", "ispn");
                    derived.put("cache-stack", "jdbc-ping");
                }
                default -> derived.put(option, value);
            }
        });
        return derived;
    }

    /** The chart's dvc-iam.buildTimeOptions (templates/_helpers.tpl), env name to value. */
    static Map<String, String> chartBuildTimeOptions() throws IOException {
        String helpers = Files.readString(Chart.directory().resolve("templates/_helpers.tpl"));
        Matcher block = Pattern.compile("define \"dvc-iam\\.buildTimeOptions\" -}}\\n(.*?)\\n\\{\\{- end }}", Pattern.DOTALL).matcher(helpers);
        assertThat(block.find()).as("_helpers.tpl defines dvc-iam.buildTimeOptions").isTrue();
        Map<String, String> options = new LinkedHashMap<>();
        JsonNode yaml = new YAMLMapper().readTree(block.group(1));
        yaml.fields().forEachRemaining(e -> options.put(e.getKey(), e.getValue().asText()));
        return options;
    }

    private static Map<String, String> options(String line) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String option : line.trim().split("\\s+")) {
            assertThat(option).as("build option %s", option).startsWith("--").contains("=");
            options.put(option.substring(2, option.indexOf('=')), option.substring(option.indexOf('=') + 1));
        }
        return options;
    }

    /** Keycloak's environment variable of an option: KC_ + upper case, "-" as "_" ("--" becomes "__"). */
    static String envName(String option) {
        return "KC_" + option.toUpperCase(Locale.ROOT).replace('-', '_');
    }
}
