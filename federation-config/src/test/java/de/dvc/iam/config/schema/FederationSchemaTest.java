package de.dvc.iam.config.schema;

import de.dvc.iam.config.Problem;
import de.dvc.iam.config.model.Kind;
import de.dvc.iam.config.yaml.Where;
import de.dvc.iam.config.yaml.YamlDocument;
import de.dvc.iam.config.yaml.YamlReader;
import de.dvc.iam.core.agency.AgencyLevel;
import de.dvc.iam.core.agency.Land;
import de.dvc.iam.core.assurance.AssuranceLevel;
import de.dvc.iam.core.profile.AttributeProfile;
import de.dvc.iam.core.profile.AttributeProfiles;
import de.dvc.iam.core.profile.ContractAttribute;
import de.dvc.iam.core.registration.RegistrationState;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The published schema: its errors placed and explained, its vocabulary the same as iam-core's. */
class FederationSchemaTest {

    private static final FederationSchema SCHEMA = FederationSchema.load();
    private static final Path FILE = Path.of("agencies/be/berlin-senfin.yaml");

    private static List<Problem> agency(String... lines) {
        YamlDocument document = YamlReader.read(FILE, String.join("\n", lines) + "\n").document().orElseThrow();
        return SCHEMA.validate(document, Kind.AGENCY);
    }

    private static Problem only(List<Problem> problems) {
        assertThat(problems).hasSize(1);
        return problems.get(0);
    }

    @Test
    void anUnknownPropertyIsPlacedAtItsKeyAndTheKnownOnesAreListed() {
        Problem problem = only(agency("kind: Agency", "id: berlin-senfin", "name: SenFin", "level: state", "shortname: SenFin"));

        assertThat(problem.code()).isEqualTo("schema_unknown_property");
        assertThat(problem.where()).isEqualTo(new Where(FILE, 5, 1));
        assertThat(problem.message()).contains("'shortname'");
        assertThat(problem.expected()).contains("shortName").contains("spelling and case");
    }

    @Test
    void aMissingPropertyIsPlacedAtItsObjectAndDescribed() {
        Problem problem = only(agency("kind: Agency", "id: bund-bmi", "name: BMI", "level: federal", "idps:",
                "  - alias: bund-bmi", "    protocol: oidc", "    clientId: dvc-iam", "    clientSecret: env:X", "    profile: oidc"));

        assertThat(problem.code()).isEqualTo("schema_required");
        assertThat(problem.where()).isEqualTo(new Where(FILE, 6, 5));
        assertThat(problem.message()).isEqualTo("The property 'issuer' is missing in idps[0].");
        assertThat(problem.expected()).startsWith("issuer: OIDC: the issuer");
    }

    @Test
    void anUnquotedKeyGetsTheQuoteHint() {
        Problem problem = only(agency("kind: Agency", "id: g", "name: G", "level: municipal", "keys:", "  ags: 1001000"));

        assertThat(problem.code()).isEqualTo("schema_type");
        assertThat(problem.where()).isEqualTo(new Where(FILE, 6, 8));
        assertThat(problem.message()).isEqualTo("'keys.ags' is an integer.");
        assertThat(problem.expected()).contains("a string (write it in quotes").contains("Amtlicher Gemeindeschlüssel");
    }

    @Test
    void enumerationsPatternsAndProtocolRulesSayWhatIsExpected() {
        List<Problem> problems = agency("kind: Agency", "id: Berlin_SenFin", "name: SenFin", "level: land", "state: BE",
                "idps:", "  - alias: berlin-senfin", "    protocol: saml", "    metadataUrl: https://idp.example/md",
                "    clientId: dvc-iam", "    profile: shibboleth");

        assertThat(problems).extracting(Problem::code).containsExactlyInAnyOrder("schema_pattern", "schema_enum",
                "schema_enum", "schema_not_allowed", "schema_enum");
        Problem id = problems.stream().filter(p -> p.code().equals("schema_pattern")).findFirst().orElseThrow();
        assertThat(id.where()).isEqualTo(new Where(FILE, 2, 5));
        assertThat(id.expected()).contains("lower-case letters").doesNotContain("[a-z");
        Problem level = problems.stream().filter(p -> p.where().line() == 4).findFirst().orElseThrow();
        assertThat(level.expected()).isEqualTo("one of federal, state, municipal, other");
        Problem clientId = problems.stream().filter(p -> p.code().equals("schema_not_allowed")).findFirst().orElseThrow();
        assertThat(clientId.where()).isEqualTo(new Where(FILE, 10, 5));
        assertThat(clientId.expected()).contains("SAML: metadataUrl or metadataFile");
        Problem profile = problems.stream().filter(p -> p.where().line() == 11).findFirst().orElseThrow();
        assertThat(profile.expected()).isEqualTo("one of oidc, entra, adfs, saml-oid, pvp, ad, ldap-ad, ldap-inetorgperson");
    }

    @Test
    void theSchemasVocabularyIsIamCores() throws IOException {
        JsonNode common = json("common.schema.json");
        JsonNode agency = json("agency.schema.json");

        assertThat(strings(common.at("/$defs/level/enum")))
                .containsExactlyElementsOf(Arrays.stream(AgencyLevel.values()).map(AgencyLevel::code).toList());
        assertThat(strings(common.at("/$defs/state/enum")))
                .containsExactlyElementsOf(Arrays.stream(Land.values()).map(Land::state).toList());
        assertThat(strings(common.at("/$defs/assurance/enum")))
                .containsExactlyElementsOf(Arrays.stream(AssuranceLevel.values()).map(AssuranceLevel::code).toList());
        assertThat(strings(agency.at("/$defs/idp/properties/profile/enum"))).containsExactlyElementsOf(java.util.stream.Stream.concat(
                AttributeProfiles.ALL.stream(), AttributeProfiles.DIRECTORY.stream()).map(AttributeProfile::name).toList());
        // an agency directory: the registration API's settings (iam-core), plus what only the files have
        java.util.List<String> members = new java.util.ArrayList<>();
        agency.at("/$defs/directory/properties").propertyNames().forEach(members::add);
        java.util.Set<String> expected = new java.util.HashSet<>(de.dvc.iam.core.directory.DirectorySettingsReader.FIELDS);
        expected.addAll(de.dvc.iam.config.model.DirectorySpec.OWN_MEMBERS);
        assertThat(members).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(strings(agency.at("/$defs/directory/properties/profile/enum")))
                .containsExactlyElementsOf(Arrays.stream(de.dvc.iam.core.directory.DirectoryProfile.values()).map(p -> p.code()).toList());
        assertThat(strings(agency.at("/$defs/directory/properties/loginAttribute/enum"))).containsExactlyElementsOf(
                Arrays.stream(de.dvc.iam.core.directory.LoginAttribute.values()).map(a -> a.ldapName()).toList());
        assertThat(strings(agency.at("/$defs/profileOverrides/properties/required/items/enum")))
                .containsExactlyElementsOf(Arrays.stream(ContractAttribute.values()).map(ContractAttribute::key).toList());
        assertThat(strings(agency.at("/$defs/idp/properties/lifecycle/enum"))).as("every state but submitted, which the "
                + "API never stores, and adopted, which only registrations reach").containsExactlyElementsOf(Arrays.stream(RegistrationState.values())
                .filter(s -> s != RegistrationState.SUBMITTED && s != RegistrationState.ADOPTED).map(RegistrationState::code).toList());
    }

    @Test
    void everyPublishedSchemaIsOnTheClassPathAsPublishedWithItsId() throws IOException {
        for (String file : FederationSchema.FILES) {
            JsonNode published = JsonMapper.builder().build().readTree(Files.readString(Path.of("schema", file)));
            assertThat(json(file)).as(file).isEqualTo(published);
            assertThat(published.path("$schema").asString()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
            assertThat(published.path("$id").asString()).isEqualTo(Kind.SCHEMA_BASE + file);
        }
        for (Kind kind : Kind.values()) {
            assertThat(FederationSchema.FILES).contains(kind.schemaFile());
        }
    }

    private static JsonNode json(String file) throws IOException {
        try (var in = FederationSchemaTest.class.getClassLoader().getResourceAsStream(FederationSchema.RESOURCES + file)) {
            return JsonMapper.builder().build().readTree(in);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asString()));
        return values;
    }
}
