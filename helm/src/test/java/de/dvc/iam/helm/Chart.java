package de.dvc.iam.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The chart under test and the value sets of {@code src/test/resources/values/}; renders them as {@code helm template}
 * would (release {@value #RELEASE} in namespace {@value #NAMESPACE}).
 */
final class Chart {

    static final String RELEASE = "dvc";
    static final String NAMESPACE = "iam-prod";
    /** The chart's full name for release {@value #RELEASE}: release name + chart name. */
    static final String FULLNAME = "dvc-dvc-iam";
    /** The Kubernetes version rendered for: within the chart's kubeVersion (>= 1.27). */
    static final String KUBE_VERSION = "v1.33.0";
    /** What {@link #renderWithHooks} turns {@code helm.sh/hook} annotations into. */
    static final String HOOK_ANNOTATION_PREFIX = "test.dvc.de/helm-hook";

    private Chart() {
    }

    static Path directory() {
        return path("dvc.helm.chart");
    }

    static Path containerfile() {
        return path("dvc.helm.containerfile");
    }

    static Path distributionPom() {
        return path("dvc.distribution.pom");
    }

    static String systemProperty(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("System property " + name + " is not set: run the tests through Maven (helm/pom.xml sets it).");
        }
        return value;
    }

    private static Path path(String property) {
        Path path = Path.of(systemProperty(property));
        if (!Files.exists(path)) {
            throw new IllegalStateException(property + " points to " + path + ", which does not exist.");
        }
        return path;
    }

    /** A value set of {@code src/test/resources/values/}, by file name without {@code .yaml}. */
    static Path valueSet(String name) {
        URL url = Chart.class.getResource("/values/" + name + ".yaml");
        if (url == null) {
            throw new IllegalArgumentException("No value set values/" + name + ".yaml in src/test/resources.");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Renders the chart with the minimal values every installation sets, then the named value sets in order. */
    static Manifests render(String... valueSets) {
        return render(Map.of(), valueSets);
    }

    /** As {@link #render(String...)}, with {@code --set} values applied last. */
    static Manifests render(Map<String, Object> set, String... valueSets) {
        TemplateCommand template = templateCommand().withValuesFile(valueSet("minimal"));
        for (String valueSet : valueSets) {
            template = template.withValuesFile(valueSet(valueSet));
        }
        for (Map.Entry<String, Object> value : set.entrySet()) {
            template = template.set(value.getKey(), value.getValue());
        }
        return Manifests.parse(template.call());
    }

    /**
     * As {@link #render(String...)}, with the chart's Helm hooks (the config job) among the manifests.
     *
     * <p>helm-java 0.0.21 renders only the release manifest and leaves hook resources out, unlike {@code helm template}.
     * So this renders a copy of the chart in which every {@code helm.sh/hook*} annotation is renamed to
     * {@value #HOOK_ANNOTATION_PREFIX}{@code *}: the resource is then an ordinary manifest and its hook annotations can
     * still be read.
     */
    static Manifests renderWithHooks(String... valueSets) {
        Path copy = null;
        try {
            copy = Files.createTempDirectory("dvc-iam-chart-");
            copyTo(copy);
            try (Stream<Path> templates = Files.list(copy.resolve("templates"))) {
                for (Path template : templates.filter(t -> t.toString().endsWith(".yaml")).toList()) {
                    Files.writeString(template, Files.readString(template).replace("helm.sh/hook", HOOK_ANNOTATION_PREFIX));
                }
            }
            TemplateCommand template = new Helm(copy).template().withName(RELEASE).withNamespace(NAMESPACE)
                    .withKubeVersion(KUBE_VERSION).withValuesFile(valueSet("minimal"));
            for (String valueSet : valueSets) {
                template = template.withValuesFile(valueSet(valueSet));
            }
            return Manifests.parse(template.call());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(copy);
        }
    }

    /** Copies the chart into an existing directory, e.g. to change one file of it in a test. */
    static void copyTo(Path target) throws IOException {
        Path source = directory();
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path to = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(file, to);
                }
            }
        }
    }

    private static void delete(Path directory) {
        if (directory == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete the chart copy " + directory, e);
        }
    }

    /**
     * A template command of the chart with no values but the chart's defaults. The Kubernetes version is explicit:
     * helm-java 0.0.21 otherwise renders for v1.20.0, older than the chart's kubeVersion.
     */
    static TemplateCommand templateCommand() {
        return new Helm(directory()).template().withName(RELEASE).withNamespace(NAMESPACE).withKubeVersion(KUBE_VERSION);
    }
}
