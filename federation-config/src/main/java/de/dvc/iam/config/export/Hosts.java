package de.dvc.iam.config.export;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The hosts of plain http:// URLs (and of directories without TLS) in an export: the settings must allow them (insecureHosts) for the files to validate. */
final class Hosts {

    private final Set<String> hosts = new TreeSet<>();

    @SafeVarargs
    final void add(Optional<String>... urls) {
        for (Optional<String> url : urls) {
            url.filter(u -> u.toLowerCase(Locale.ROOT).startsWith("http://")).ifPresent(u -> {
                try {
                    String host = URI.create(u).getHost();
                    if (host != null) {
                        hosts.add(host.toLowerCase(Locale.ROOT));
                    }
                } catch (IllegalArgumentException e) {
                    // not a URL: validate names it
                }
            });
        }
    }

    /** The host of a directory that is reached without TLS ({@code insecureForTests}). */
    void addHostOf(String url) {
        try {
            String host = URI.create(url.strip()).getHost();
            if (host != null) {
                hosts.add(host.toLowerCase(Locale.ROOT));
            }
        } catch (IllegalArgumentException e) {
            // not a URL: validate names it
        }
    }

    /** Sorted. */
    java.util.List<String> hosts() {
        return java.util.List.copyOf(hosts);
    }
}
