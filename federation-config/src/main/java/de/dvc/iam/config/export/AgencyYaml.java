package de.dvc.iam.config.export;

import de.dvc.iam.config.model.AgencySpec;
import de.dvc.iam.config.model.DirectoryForm;
import de.dvc.iam.config.model.DirectorySpec;
import de.dvc.iam.config.model.IdpSpec;

import java.util.List;
import java.util.Map;

/** An agency file with its IdPs, every value explicit; the comments say what the export left out and why. Stateless. */
final class AgencyYaml {

    private AgencyYaml() {
    }

    /**
     * @param domains  the agency's domains as the files should name them (without those self-service registrations hold)
     * @param comments lines for the end of the file: registrations and IdPs not exported
     */
    static String of(String schemaLine, String header, AgencySpec agency, List<String> domains, List<ExportedIdp> idps,
                     List<String> comments) {
        YamlWriter yaml = new YamlWriter().line(schemaLine).comment("", header).word("", "kind", "Agency")
                .word("", "id", agency.id()).scalar("", "name", agency.name()).optional("", "shortName", agency.shortName())
                .word("", "level", agency.level().code());
        agency.state().ifPresent(s -> yaml.word("", "state", s));
        AgencySpec.Keys keys = agency.keys();
        if (keys.ags().isPresent() || keys.ars().isPresent() || keys.leitwegId().isPresent() || keys.dvdv().isPresent()) {
            yaml.key("", "keys").optional("  ", "ags", keys.ags()).optional("  ", "ars", keys.ars())
                    .optional("  ", "leitwegId", keys.leitwegId()).optional("  ", "dvdv", keys.dvdv());
        }
        yaml.list("", "domains", domains);
        if (!idps.isEmpty()) {
            yaml.key("", "idps");
            idps.forEach(idp -> idp(yaml, idp));
        }
        comments.forEach(c -> yaml.comment("", c));
        return yaml.toString();
    }

    /** One IdP as an item of the top-level {@code idps:} list: {@code "  - alias: …"}, its fields indented by four. */
    static String idpItem(ExportedIdp exported) {
        YamlWriter yaml = new YamlWriter();
        idp(yaml, exported);
        return yaml.toString();
    }

    /** An agency directory's {@code directory:} member: its settings explicit, the CA certificates as a PEM block. */
    private static void directory(YamlWriter yaml, String indent, DirectorySpec directory, java.util.Optional<String> secretNote) {
        String in = indent + "  ";
        yaml.key(indent, "directory");
        Map<String, Object> settings = DirectoryForm.explicit(directory.settings());
        for (Map.Entry<String, Object> setting : settings.entrySet()) {
            String field = setting.getKey();
            Object value = setting.getValue();
            if (!DirectoryForm.ORDER.contains(field) || "insecureForTests".equals(field) && !Boolean.TRUE.equals(value)) {
                continue; // unknown to the files (validate would refuse it), or the default no one should write
            }
            if (value instanceof Map<?, ?> map) {
                if (map.isEmpty()) {
                    yaml.line(in + field + ": {}");
                } else {
                    yaml.key(in, field);
                    new java.util.TreeMap<>(map.entrySet().stream().collect(java.util.stream.Collectors.toMap(
                            e -> String.valueOf(e.getKey()), e -> String.valueOf(e.getValue()), (a, b) -> a)))
                            .forEach((group, role) -> yaml.scalar(in + "  ", group, role));
                }
            } else if (value instanceof Boolean || value instanceof Number) {
                yaml.word(in, field, String.valueOf(value));
            } else if ("caCertificates".equals(field)) {
                yaml.block(in, field, String.valueOf(value));
            } else {
                yaml.scalar(in, field, String.valueOf(value));
            }
            if ("bindDn".equals(field)) {
                secretNote.ifPresent(n -> yaml.comment(in, n));
                directory.bindSecret().ifPresent(b -> yaml.scalar(in, "bindSecret", b));
            }
        }
        directory.testLogin().ifPresent(t -> yaml.scalar(in, "testLogin", t));
    }

    private static void idp(YamlWriter yaml, ExportedIdp exported) {
        IdpSpec idp = exported.spec();
        String in = "    ";
        yaml.line("  - alias: " + de.dvc.iam.config.yaml.YamlText.scalar(idp.alias()));
        yaml.optional(in, "displayName", idp.displayName()).word(in, "protocol", idp.protocol().code())
                .optional(in, "metadataUrl", idp.metadataUrl());
        exported.fileNote().ifPresent(n -> yaml.comment(in, n));
        yaml.optional(in, "metadataFile", idp.metadataFile()).optional(in, "entityId", idp.entityId())
                .optional(in, "issuer", idp.issuer()).optional(in, "clientId", idp.clientId());
        if (idp.directory().isPresent()) {
            directory(yaml, in, idp.directory().get(), exported.secretNote());
        } else {
            exported.secretNote().ifPresent(n -> yaml.comment(in, n));
            exported.secret().ifPresent(s -> yaml.scalar(in, "clientSecret", s.reference()));
        }
        yaml.list(in, "domains", idp.domains().orElse(List.of())).scalar(in, "profile", idp.profile());
        if (!idp.profileOverrides().isEmpty()) {
            yaml.key(in, "profileOverrides");
            idp.profileOverrides().forEach((key, values) -> {
                if ("roles.syntax".equals(key) && values.size() == 1) {
                    yaml.scalar(in + "  ", key, values.get(0)); // one word, not a list (schema)
                } else {
                    yaml.list(in + "  ", de.dvc.iam.config.yaml.YamlText.scalar(key), values);
                }
            });
        }
        idp.maxAssurance().ifPresent(m -> yaml.word(in, "maxAssurance", m.code()));
        Map<String, de.dvc.iam.core.assurance.AssuranceLevel> table = idp.acrTable().orElse(Map.of());
        if (table.isEmpty()) {
            yaml.line(in + "acrTable: {}");
        } else {
            yaml.key(in, "acrTable");
            table.forEach((value, level) -> yaml.word(in + "  ", de.dvc.iam.config.yaml.YamlText.scalar(value), level.code()));
        }
        yaml.word(in, "lifecycle", idp.lifecycle().code());
    }
}
