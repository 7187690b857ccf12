package de.dvc.iam.config.model;

import de.dvc.iam.config.yaml.YamlDocument;
import de.dvc.iam.core.agency.AgencyLevel;
import de.dvc.iam.core.assurance.AssuranceLevel;
import de.dvc.iam.core.registration.RegistrationState;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Binds a document that passed the schema to its spec. Types and required members are the schema's
 * business; what the schema leaves open (defaults) is decided here. Stateless.
 */
public final class SpecReader {

    private SpecReader() {
    }

    public static AgencySpec agency(YamlDocument document) {
        JsonNode root = document.root();
        Origin origin = new Origin(document, "");
        JsonNode keys = root.path("keys");
        AgencySpec.Keys officialKeys = new AgencySpec.Keys(text(keys, "ags"), text(keys, "ars"), text(keys, "leitwegId"),
                text(keys, "dvdv"));
        List<IdpSpec> idps = new ArrayList<>();
        JsonNode list = root.path("idps");
        for (int i = 0; i < list.size(); i++) {
            idps.add(idp(list.get(i), origin.element("idps", i)));
        }
        return new AgencySpec(root.path("id").asString(), root.path("name").asString(), text(root, "shortName"),
                AgencyLevel.fromCode(root.path("level").asString()), text(root, "state"), officialKeys,
                strings(root.path("domains")), idps, origin);
    }

    private static IdpSpec idp(JsonNode idp, Origin origin) {
        Map<String, List<String>> overrides = new LinkedHashMap<>();
        idp.path("profileOverrides").properties().forEach(e -> overrides.put(e.getKey(),
                e.getValue().isArray() ? strings(e.getValue()) : List.of(e.getValue().asString())));
        return new IdpSpec(idp.path("alias").asString(), text(idp, "displayName"), Protocol.of(idp.path("protocol").asString()),
                text(idp, "metadataUrl"), text(idp, "metadataFile"), text(idp, "entityId"), text(idp, "issuer"),
                text(idp, "clientId"), text(idp, "clientSecret").flatMap(SecretReference::parse),
                idp.has("domains") ? Optional.of(strings(idp.path("domains"))) : Optional.empty(),
                idp.path("profile").asString(), overrides, text(idp, "maxAssurance").map(AssuranceLevel::parse),
                idp.has("acrTable") ? Optional.of(acrTable(idp.path("acrTable"))) : Optional.empty(),
                text(idp, "lifecycle").map(RegistrationState::fromCode).orElse(RegistrationState.ACTIVE), origin,
                idp.path("directory").isObject() ? Optional.of(directory(idp.path("directory"))) : Optional.empty());
    }

    /** A {@code directory:} member: its settings as plain JSON values (as the registration API receives them). */
    private static DirectorySpec directory(JsonNode directory) {
        Map<String, Object> settings = new LinkedHashMap<>();
        directory.properties().forEach(e -> {
            if (!DirectorySpec.OWN_MEMBERS.contains(e.getKey())) {
                settings.put(e.getKey(), plain(e.getValue()));
            }
        });
        return new DirectorySpec(settings, text(directory, "caCertificatesFile"), text(directory, "bindSecret"),
                text(directory, "testLogin"));
    }

    /** A JSON value as the registration API's JSON reader gives it: String, Boolean, Long or Double, Map, List, null. */
    public static Object plain(JsonNode node) {
        if (node.isString()) {
            return node.asString();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.properties().forEach(e -> map.put(e.getKey(), plain(e.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(v -> list.add(plain(v)));
            return list;
        }
        return null;
    }

    public static ServiceSpec service(YamlDocument document) {
        JsonNode root = document.root();
        Origin origin = new Origin(document, "");
        List<ServiceSpec.Flow> flows = root.has("flows")
                ? strings(root.path("flows")).stream().map(f -> ServiceSpec.Flow.valueOf(f.toUpperCase(java.util.Locale.ROOT))).toList()
                : List.of(ServiceSpec.Flow.CODE);
        return new ServiceSpec(root.path("clientId").asString(), root.path("name").asString(), text(root, "description"),
                text(root.path("owner"), "agency"), text(root.path("owner"), "name"), root.path("contact").asString(),
                !"public".equals(root.path("type").asString("confidential")),
                text(root, "clientSecret").flatMap(SecretReference::parse), java.util.Set.copyOf(flows),
                strings(root.path("redirectUris")), strings(root.path("postLogoutRedirectUris")), text(root, "baseUrl"),
                root.path("pkceRequired").asBoolean(flows.contains(ServiceSpec.Flow.CODE)), root.path("sector").asString(), strings(root.path("scopes")),
                root.has("claims") ? Optional.of(strings(root.path("claims"))) : Optional.empty(),
                text(root, "requiredAssurance").map(AssuranceLevel::parse),
                root.has("accessPolicy") ? Optional.of(policy(root.path("accessPolicy"), origin.member("accessPolicy")))
                        : Optional.empty(),
                text(root, "backchannelLogoutUri"), origin);
    }

    public static SettingsSpec settings(YamlDocument document) {
        JsonNode root = document.root();
        Origin origin = new Origin(document, "");
        JsonNode defaults = root.path("defaults");
        Map<Protocol, Map<String, AssuranceLevel>> tables = new LinkedHashMap<>();
        defaults.path("acrTables").properties().forEach(e -> tables.put(Protocol.of(e.getKey()), acrTable(e.getValue())));
        List<SettingsSpec.Person> operators = new ArrayList<>();
        JsonNode operatorList = root.path("roles").path("operators");
        for (int i = 0; i < operatorList.size(); i++) {
            operators.add(person(operatorList.get(i), origin.member("roles").element("operators", i)));
        }
        List<SettingsSpec.AgencyAdmin> admins = new ArrayList<>();
        JsonNode adminList = root.path("roles").path("agencyAdmins");
        for (int i = 0; i < adminList.size(); i++) {
            JsonNode admin = adminList.get(i);
            admins.add(new SettingsSpec.AgencyAdmin(admin.path("agency").asString(),
                    person(admin, origin.member("roles").element("agencyAdmins", i))));
        }
        SettingsSpec fallback = SettingsSpec.DEFAULTS;
        return new SettingsSpec(root.path("realm").asString(fallback.realm()), java.util.Set.copyOf(strings(root.path("insecureHosts"))),
                text(defaults, "maxAssurance").map(AssuranceLevel::parse).orElse(fallback.defaultMaxAssurance()), tables,
                text(defaults, "requiredAssurance").map(AssuranceLevel::parse).orElse(fallback.defaultRequiredAssurance()),
                defaults.has("accessPolicy") ? Optional.of(policy(defaults.path("accessPolicy"),
                        origin.member("defaults").member("accessPolicy"))) : Optional.empty(),
                root.has("refresh") ? Optional.of(new de.dvc.iam.core.registration.RefreshPolicy(
                        root.path("refresh").path("intervalSeconds").asLong(3600),
                        root.path("refresh").path("keyChangeNeedsApproval").asBoolean(false))) : fallback.refresh(),
                operators, admins, Optional.of(origin));
    }

    private static SettingsSpec.Person person(JsonNode person, Origin origin) {
        return new SettingsSpec.Person(person.path("idp").asString(), text(person, "email"), text(person, "subject"), origin);
    }

    private static PolicySpec policy(JsonNode policy, Origin origin) {
        return new PolicySpec(strings(policy.path("agencies")), strings(policy.path("levels")), strings(policy.path("states")),
                strings(policy.path("roles")), text(policy, "contact"), origin);
    }

    private static Map<String, AssuranceLevel> acrTable(JsonNode table) {
        Map<String, AssuranceLevel> levels = new LinkedHashMap<>();
        table.properties().forEach(e -> levels.put(e.getKey(), AssuranceLevel.parse(e.getValue().asString())));
        return levels;
    }

    private static Optional<String> text(JsonNode node, String name) {
        JsonNode value = node.path(name);
        return value.isString() ? Optional.of(value.asString()) : Optional.empty();
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asString()));
        return values;
    }
}
