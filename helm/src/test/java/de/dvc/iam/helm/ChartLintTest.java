package de.dvc.iam.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code helm lint --strict} of the chart: Helm's own checks of Chart.yaml, templates and values against the schema. */
class ChartLintTest {

    @Test
    void chartPassesStrictLint() {
        LintResult result = new Helm(Chart.directory()).lint().strict().call();

        assertThat(result.isFailed()).as("helm lint --strict failed: %s", result.getMessages()).isFalse();
        assertThat(result.getMessages()).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
    }

    @Test
    void lintRejectsDefaultsThatBreakTheSchema(@TempDir Path copy) throws IOException {
        Chart.copyTo(copy);
        Path values = copy.resolve("values.yaml");
        Files.writeString(values, Files.readString(values).replace("replicas: 3", "replicas: three"));

        LintResult result = new Helm(copy).lint().strict().call();

        assertThat(result.isFailed()).isTrue();
        assertThat(String.join("\n", result.getMessages())).contains("replicas");
    }
}
