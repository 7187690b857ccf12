package de.dvc.iam.demo;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The demo federation as files: {@code federation/demo} of the repository, packaged into this module's jar, copied to
 * a directory for {@code dvc-config apply} as a given server runs it. The files name the demo's fixed addresses
 * ({@value #DEMO_SERVER} for the server and the agency IdPs it hosts, {@value #DEMO_SERVICE} for the demo service);
 * a server or service elsewhere (tests, benchmarks, a cluster behind its load balancer) gets them replaced by its
 * own, and a plain-http host other than {@code localhost} is added to the settings' {@code insecureHosts} (demo only).
 */
final class DemoFiles {

    static final String DEMO_SERVER = "http://localhost:8080";
    static final String DEMO_SERVICE = "http://localhost:8081";
    private static final String RESOURCES = "federation/demo";

    private DemoFiles() {
    }

    /** Writes the demo files for {@code serverUrl} and {@code serviceUrl} below {@code target} (created); returns it. */
    static Path write(Path target, String serverUrl, String serviceUrl) throws IOException {
        String server = trimmed(serverUrl);
        String service = trimmed(serviceUrl);
        Map<String, String> files = read();
        Files.createDirectories(target);
        for (Map.Entry<String, String> file : files.entrySet()) {
            String text = file.getValue().replace(DEMO_SERVER, server).replace(DEMO_SERVICE, service);
            if (file.getKey().equals("settings.yaml")) {
                text = withInsecureHosts(text, List.of(server, service));
            }
            Path path = target.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, text, StandardCharsets.UTF_8);
        }
        return target;
    }

    /** The packaged files by their path below {@code federation/demo}. */
    static Map<String, String> read() throws IOException {
        URL settings = DemoFiles.class.getClassLoader().getResource(RESOURCES + "/settings.yaml");
        if (settings == null) {
            throw new IllegalStateException("The demo federation files (" + RESOURCES + ") are not on the class path; rebuild the demo module.");
        }
        URI uri;
        try {
            uri = settings.toURI();
        } catch (URISyntaxException e) {
            throw new IOException("Cannot read " + settings + ": " + e.getMessage(), e);
        }
        if ("jar".equals(uri.getScheme())) {
            try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                return collect(jar.getPath("/" + RESOURCES));
            }
        }
        return collect(Path.of(uri).getParent());
    }

    private static Map<String, String> collect(Path root) throws IOException {
        Map<String, String> files = new java.util.TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(file).toString().replace('\\', '/'), Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    /** The settings with every plain-http host of {@code urls} in {@code insecureHosts} (the demo files list localhost). */
    static String withInsecureHosts(String settings, List<String> urls) {
        Set<String> hosts = new LinkedHashSet<>();
        for (String url : urls) {
            URI uri = URI.create(url);
            if ("http".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null) {
                hosts.add(uri.getHost().toLowerCase(Locale.ROOT));
            }
        }
        List<String> lines = new ArrayList<>(settings.lines().toList());
        int list = lines.indexOf("insecureHosts:");
        if (list < 0) {
            throw new IllegalStateException("The demo settings have no 'insecureHosts:' list.");
        }
        int end = list + 1;
        Set<String> present = new LinkedHashSet<>();
        while (end < lines.size() && lines.get(end).startsWith("  - ")) {
            present.add(lines.get(end).substring(4).trim());
            end++;
        }
        for (String host : hosts) {
            if (present.add(host)) {
                lines.add(end++, "  - " + host);
            }
        }
        return String.join("\n", lines) + "\n";
    }

    private static String trimmed(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
