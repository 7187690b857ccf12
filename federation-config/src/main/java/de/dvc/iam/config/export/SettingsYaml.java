package de.dvc.iam.config.export;

import java.util.List;

/**
 * The settings file of an export: the realm, the hosts whose plain http:// URLs the exported objects use (demo
 * and test servers only; validate warns), the refresh policy and the role holders the realm holds. Every other
 * setting is a default the exported objects do not rely on: their values are all written out. Stateless.
 */
final class SettingsYaml {

    private SettingsYaml() {
    }

    static String of(String schemaLine, String header, String realm, List<String> insecureHosts,
                     de.dvc.iam.core.roles.RoleHolders roles, java.util.Optional<de.dvc.iam.core.registration.RefreshPolicy> refresh) {
        YamlWriter yaml = new YamlWriter().line(schemaLine).comment("", header).word("", "kind", "Settings").scalar("", "realm", realm);
        if (!insecureHosts.isEmpty()) {
            yaml.comment("", "The exported objects use plain http:// on these hosts: a demo or test server.");
            yaml.list("", "insecureHosts", insecureHosts);
        }
        refresh.ifPresent(policy -> yaml.key("", "refresh").line("  intervalSeconds: " + policy.intervalSeconds())
                .line("  keyChangeNeedsApproval: " + policy.keyChangeNeedsApproval()));
        List<de.dvc.iam.core.roles.RoleHolders.Holder> operators = roles.holders().stream()
                .filter(h -> h.role() == de.dvc.iam.core.roles.RoleHolders.Role.OPERATOR).toList();
        List<de.dvc.iam.core.roles.RoleHolders.Holder> admins = roles.holders().stream()
                .filter(h -> h.role() == de.dvc.iam.core.roles.RoleHolders.Role.AGENCY_ADMIN).toList();
        if (!operators.isEmpty() || !admins.isEmpty()) {
            yaml.key("", "roles");
            if (!operators.isEmpty()) {
                yaml.key("  ", "operators");
                operators.forEach(h -> person(yaml, h, false));
            }
            if (!admins.isEmpty()) {
                yaml.key("  ", "agencyAdmins");
                admins.forEach(h -> person(yaml, h, true));
            }
        }
        return yaml.toString();
    }

    private static void person(YamlWriter yaml, de.dvc.iam.core.roles.RoleHolders.Holder holder, boolean admin) {
        String first = admin ? "agency: " + de.dvc.iam.config.yaml.YamlText.scalar(holder.agency().orElseThrow())
                : "idp: " + de.dvc.iam.config.yaml.YamlText.scalar(holder.idp());
        yaml.line("    - " + first);
        if (admin) {
            yaml.scalar("      ", "idp", holder.idp());
        }
        yaml.optional("      ", "email", holder.email()).optional("      ", "subject", holder.subject());
    }
}
