package de.dvc.iam.config.export;

import java.util.List;

/**
 * The settings file of an export: the realm, and the hosts whose plain http:// URLs the exported objects use (demo
 * and test servers only; validate warns). Every other setting is a default the exported objects do not rely on:
 * their values are all written out. Stateless.
 */
final class SettingsYaml {

    private SettingsYaml() {
    }

    static String of(String schemaLine, String header, String realm, List<String> insecureHosts) {
        YamlWriter yaml = new YamlWriter().line(schemaLine).comment("", header).word("", "kind", "Settings").scalar("", "realm", realm);
        if (!insecureHosts.isEmpty()) {
            yaml.comment("", "The exported objects use plain http:// on these hosts: a demo or test server.");
            yaml.list("", "insecureHosts", insecureHosts);
        }
        return yaml.toString();
    }
}
