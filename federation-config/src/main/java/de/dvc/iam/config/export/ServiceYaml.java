package de.dvc.iam.config.export;

import de.dvc.iam.config.model.PolicySpec;
import de.dvc.iam.config.model.SecretReference;
import de.dvc.iam.config.model.ServiceSpec;

import java.util.Locale;
import java.util.Optional;

/** A service file, every value explicit. Stateless. */
final class ServiceYaml {

    private ServiceYaml() {
    }

    static String of(String schemaLine, String header, ServiceSpec service, Optional<SecretReference> secret, Optional<String> secretNote) {
        YamlWriter yaml = new YamlWriter().line(schemaLine).comment("", header).word("", "kind", "Service")
                .scalar("", "clientId", service.clientId()).scalar("", "name", service.name())
                .optional("", "description", service.description());
        yaml.key("", "owner").optional("  ", "agency", service.ownerAgency()).optional("  ", "name", service.ownerName());
        yaml.scalar("", "contact", service.contact()).word("", "type", service.confidential() ? "confidential" : "public");
        secretNote.ifPresent(n -> yaml.comment("", n));
        secret.ifPresent(s -> yaml.scalar("", "clientSecret", s.reference()));
        yaml.list("", "flows", service.flows().stream().map(f -> f.name().toLowerCase(Locale.ROOT)).sorted().toList());
        yaml.list("", "redirectUris", service.redirectUris()).list("", "postLogoutRedirectUris", service.postLogoutRedirectUris())
                .optional("", "baseUrl", service.baseUrl()).word("", "pkceRequired", Boolean.toString(service.pkceRequired()))
                .scalar("", "sector", service.sector()).list("", "scopes", service.scopes().stream().sorted().toList());
        service.claims().ifPresent(c -> yaml.list("", "claims", c.stream().sorted().toList()));
        service.requiredAssurance().ifPresent(a -> yaml.word("", "requiredAssurance", a.code()));
        service.accessPolicy().ifPresent(p -> policy(yaml, p));
        yaml.optional("", "backchannelLogoutUri", service.backchannelLogoutUri());
        return yaml.toString();
    }

    private static void policy(YamlWriter yaml, PolicySpec policy) {
        yaml.key("", "accessPolicy").list("  ", "agencies", policy.agencies()).list("  ", "levels", policy.levels())
                .list("  ", "states", policy.states()).list("  ", "roles", policy.roles()).optional("  ", "contact", policy.contact());
    }
}
