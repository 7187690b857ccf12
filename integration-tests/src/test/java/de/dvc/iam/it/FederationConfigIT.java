package de.dvc.iam.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.dvc.iam.core.agency.Agency;
import de.dvc.iam.core.agency.AgencyLevel;
import de.dvc.iam.demo.AgencyIdpRealm;
import de.dvc.iam.demo.DemoAgencies;
import de.dvc.iam.demo.DemoFederation;
import de.dvc.iam.demo.client.BrokeredLogin;
import de.dvc.iam.demo.client.LoginRequest;
import de.dvc.iam.it.RunningFederation.Federation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.IdentityProviderMapperRepresentation;
import org.keycloak.representations.idm.IdentityProviderRepresentation;
import org.keycloak.representations.idm.OrganizationRepresentation;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Federation as code against a real DVC IAM server: {@code ./dvc-config} as the operator runs it (the script, as a
 * process), on the demo federation of {@link RunningFederation}. The files of {@code federation/demo} describe the demo
 * server as it is; a new agency with a SAML and an OIDC IdP and a service is planned, applied (complete IdPs a civil
 * servant logs in through), planned again without changes, changed, exported and read back, refused when invalid or in
 * conflict with what dvc-config does not own, and deleted again — nothing else on the server is touched.
 */
@ExtendWith(RunningFederation.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FederationConfigIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AGENCY = "it-fc-gemeinde";
    private static final String SAML_IDP = "it-fc-saml";
    private static final String OIDC_IDP = "it-fc-oidc";
    private static final String SERVICE = "it-fc-service";
    private static final String RENAMED_SERVICE = "it-fc-service-2";
    private static final String DOMAIN = "it-fc.example";
    private static final DemoAgencies.DemoUser USER = new DemoAgencies.DemoUser("ida.test", "ida.test@" + DOMAIN, "Ida", "Test", "demo",
            "Amt 10 - Hauptamt", List.of("Sachbearbeitung"));

    private static Federation federation;
    private static Path work;
    private static String oidcSecret;

    @BeforeAll
    static void agencyIdps(Federation running) throws Exception {
        federation = running;
        work = Files.createTempDirectory(Path.of(System.getProperty("dvc.work.dir", "target/it-work")).toAbsolutePath(), "federation-config-");
        Agency agency = Agency.builder(AGENCY, "Gemeinde Föderationstest", AgencyLevel.MUNICIPAL).state("DE-BY").build();
        AgencyIdpRealm realms = new AgencyIdpRealm(federation.admin(), federation.serverUrl());
        realms.ensure(new DemoAgencies.DemoAgency(agency, SAML_IDP, DOMAIN, DemoAgencies.Protocol.SAML, USER, "saml-oid", "normal", ""));
        var oidcRealm = realms.ensure(new DemoAgencies.DemoAgency(agency, OIDC_IDP, DOMAIN, DemoAgencies.Protocol.OIDC, USER, "oidc", "normal", ""));
        ClientRepresentation broker = oidcRealm.clients().findByClientId("dvc-iam").get(0);
        oidcSecret = oidcRealm.clients().get(broker.getId()).getSecret().getValue();
    }

    @Test
    @Order(1)
    void theDemoServerIsWhatItsFilesSay() throws Exception {
        Path demo = demoFiles();

        DvcConfigRun plan = dvcConfig("plan", demo.toString(), "--format", "json");

        assertThat(plan.exit()).as("no changes, no conflicts: %s", plan).isEqualTo(0);
        JsonNode document = JSON.readTree(plan.out());
        assertThat(document.at("/counts/conflicts").asInt()).isZero();
        // The demo was set up by applying these files (DemoFederation): dvc-config owns its agencies, IdPs and services.
        assertThat(document.at("/counts/unchanged").asInt()).as("2 agencies, 2 IdPs, 2 services: %s", plan).isGreaterThanOrEqualTo(6);
        assertThat(document.at("/notOwned").findValuesAsText("name")).as("owned, so not listed as not owned")
                .doesNotContain("berlin-senfin", "bund-bmi", "demo-service", "dvc-registration-cli");
        var realm = federation.admin().realm(DemoFederation.REALM);
        assertThat(realm.identityProviders().get("bund-bmi").toRepresentation().getConfig()).containsEntry("dvc.managed-by", "federation-config");
        assertThat(realm.clients().findByClientId("demo-service").get(0).getAttributes()).containsEntry("dvc.managed-by", "federation-config");
    }

    @Test
    @Order(2)
    void aNewAgencyIsPlannedAppliedCompleteAndThenPlansNoChange() throws Exception {
        Path files = tree("Gemeinde Föderationstest", List.of(serviceRedirect()));
        assertThat(dvcConfig("validate", files.toString()).exit()).isEqualTo(0);

        DvcConfigRun plan = dvcConfig("plan", files.toString(), "--format", "json");
        assertThat(plan.exit()).as("changes: %s", plan).isEqualTo(4);
        JsonNode document = JSON.readTree(plan.out());
        assertThat(document.at("/counts/create").asInt()).as("%s", plan.out()).isEqualTo(4);
        assertThat(document.at("/changes").findValuesAsText("name")).containsExactlyInAnyOrder(AGENCY, SAML_IDP, OIDC_IDP, SERVICE);

        DvcConfigRun apply = dvcConfig("apply", files.toString());
        assertThat(apply.exit()).as("%s", apply).isEqualTo(0);

        // Complete and fail-closed: the profile mapper, the agency link, DVC's broker settings, the lifecycle.
        var realm = federation.admin().realm(DemoFederation.REALM);
        OrganizationRepresentation organization = organization("Gemeinde Föderationstest", AGENCY);
        assertThat(organization.getName()).isEqualTo("Gemeinde Föderationstest");
        IdentityProviderRepresentation saml = realm.identityProviders().get(SAML_IDP).toRepresentation();
        assertThat(saml.getOrganizationId()).isEqualTo(organization.getId());
        assertThat(saml.isEnabled()).as("lifecycle active").isTrue();
        assertThat(saml.getConfig()).containsEntry("dvc.managed-by", "federation-config")
                .containsEntry("dvc.config.lifecycle", "active")
                .containsEntry("nameIDPolicyFormat", "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent");
        assertThat(realm.identityProviders().get(SAML_IDP).getMappers()).extracting(m -> m.getIdentityProviderMapper())
                .contains("dvc-agency-profile");
        IdentityProviderRepresentation oidc = realm.identityProviders().get(OIDC_IDP).toRepresentation();
        assertThat(oidc.getConfig().get("clientSecret")).as("kept in the server, never as plain text in a read").isNotEqualTo(oidcSecret);
        ClientRepresentation service = realm.clients().findByClientId(SERVICE).get(0);
        assertThat(service.getRedirectUris()).containsExactly(serviceRedirect());
        assertThat(service.getAttributes()).containsEntry("pkce.code.challenge.method", "S256");

        DvcConfigRun again = dvcConfig("plan", files.toString(), "--format", "json");
        assertThat(again.exit()).as("what apply wrote reads back as the files: %s", again).isEqualTo(0);
    }

    @Test
    @Order(3)
    void aCivilServantLogsInThroughTheAppliedSamlIdp() throws Exception {
        BrokeredLogin browser = new BrokeredLogin(new LoginRequest(federation.serverUrl(), federation.serviceUrl()), federation.serverUrl());

        BrokeredLogin.Outcome outcome = browser.login(SAML_IDP, USER.username(), USER.password(), Map.of());

        assertThat(outcome.succeeded()).as("%s", outcome).isTrue();
        JsonNode token = browser.redeem(outcome, DemoFederation.DEMO_CLIENT_SECRET).accessToken();
        assertThat(token.at("/agency/id").asText()).isEqualTo(AGENCY);
        assertThat(token.at("/home_idp").asText()).contains(SAML_IDP);
        assertThat(token.at("/email").asText()).isEqualTo(USER.email());
    }

    @Test
    @Order(4)
    void aChangeIsPlannedFieldByFieldAndApplied() throws Exception {
        String added = federation.serviceUrl() + "/fc/callback";
        Path files = tree("Gemeinde Föderationstest (neu)", List.of(serviceRedirect(), added));

        DvcConfigRun plan = dvcConfig("plan", files.toString(), "--format", "json");

        assertThat(plan.exit()).as("%s", plan).isEqualTo(4);
        JsonNode document = JSON.readTree(plan.out());
        assertThat(document.at("/counts/update").asInt()).as("%s", plan.out()).isEqualTo(2);
        assertThat(document.at("/counts/create").asInt()).isZero();
        assertThat(document.at("/counts/delete").asInt()).isZero();
        assertThat(dvcConfig("apply", files.toString()).exit()).isEqualTo(0);
        var realm = federation.admin().realm(DemoFederation.REALM);
        assertThat(realm.clients().findByClientId(SERVICE).get(0).getRedirectUris()).containsExactlyInAnyOrder(serviceRedirect(), added);
        assertThat(organization("Gemeinde Föderationstest (neu)", AGENCY).getName()).isEqualTo("Gemeinde Föderationstest (neu)");
        assertThat(dvcConfig("plan", files.toString()).exit()).isEqualTo(0);
    }

    @Test
    @Order(5)
    void invalidFilesOrAConflictWriteNothing() throws Exception {
        Path invalid = tree("Gemeinde Föderationstest (neu)", List.of(serviceRedirect()));
        // An AGS of Schleswig-Holstein for an agency of Bavaria: the official keys are checked, not just formatted.
        Path agencyFile = invalid.resolve("agencies/by/" + AGENCY + ".yaml");
        Files.writeString(agencyFile, Files.readString(agencyFile).replace("state: DE-BY", "state: DE-BY\nkeys:\n  ags: \"01001000\""));
        DvcConfigRun refused = dvcConfig("apply", invalid.toString());
        assertThat(refused.exit()).as("%s", refused).isEqualTo(1);
        assertThat(refused.out() + refused.err()).contains("ags_state_mismatch").contains(agencyFile.toString());

        Path conflict = tree("Gemeinde Föderationstest (neu)", List.of(serviceRedirect()));
        // The Federal Chancellery of the national fixture (loaded by the fixture loader, not owned), described differently.
        Files.writeString(conflict.resolve("agencies/bund-bkamt.yaml"), """
                kind: Agency
                id: bund-bkamt
                name: Bundeskanzleramt (anders)
                level: federal
                domains:
                  - bkamt.bund.example
                """);
        DvcConfigRun plan = dvcConfig("plan", conflict.toString(), "--format", "json");
        assertThat(plan.exit()).as("%s", plan).isEqualTo(1);
        assertThat(JSON.readTree(plan.out()).at("/conflicts/0/code").asText()).isEqualTo("not_owned_differs");
        assertThat(dvcConfig("apply", conflict.toString()).exit()).isEqualTo(1);

        var realm = federation.admin().realm(DemoFederation.REALM);
        assertThat(organization("Bundeskanzleramt", "bund-bkamt").getName()).as("unchanged").isEqualTo("Bundeskanzleramt");
        assertThat(realm.clients().findByClientId(SERVICE).get(0).getRedirectUris()).as("the added URI still there: nothing applied")
                .hasSize(2);
    }

    @Test
    @Order(6)
    void anExportReadsBackAsTheServer() throws Exception {
        Path exported = work.resolve("export");

        DvcConfigRun export = dvcConfig("export", "--server", federation.serverUrl(), exported.toString());

        assertThat(export.exit()).as("%s", export).isEqualTo(0);
        try (Stream<Path> files = Files.walk(exported)) {
            assertThat(files.map(Path::toString)).anyMatch(p -> p.endsWith(AGENCY + ".yaml")).anyMatch(p -> p.endsWith(SERVICE + ".yaml"));
        }
        assertThat(dvcConfig("validate", exported.toString()).exit()).isEqualTo(0);
        DvcConfigRun plan = dvcConfig("plan", exported.toString(), "--format", "json");
        assertThat(plan.exit()).as("the export describes the server as it is: %s", plan).isEqualTo(0);
    }

    @Test
    @Order(6)
    void anExportOfTheDemoAppliedToAnEmptyRealmPlansNoChange() throws Exception {
        Path exported = Files.createDirectories(work.resolve("export-demo"));
        DvcConfigRun export = dvcConfig("export", "--server", federation.serverUrl(), exported.toString());
        assertThat(export.exit()).as("%s", export).isEqualTo(0);
        // The demo's part of the export: its settings, agencies and services (the server also holds the fixture's
        // agencies, whose placeholder IdPs no server can reach, and this test's own objects).
        Path demo = Files.createDirectories(work.resolve("export-demo-only"));
        try (Stream<Path> files = Files.walk(exported)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                if (List.of("settings.yaml", "berlin-senfin.yaml", "bund-bmi.yaml", "demo-service.yaml", "dvc-registration-cli.yaml")
                        .contains(name)) {
                    Path copy = demo.resolve(exported.relativize(file).toString());
                    Files.createDirectories(copy.getParent());
                    Files.copy(file, copy);
                }
            }
        }
        new DemoFederation(federation.admin(), federation.serverUrl(), federation.serviceUrl()).setUpRealm(EMPTY_REALM);

        DvcConfigRun apply = dvcConfig("apply", demo.toString(), "--realm", EMPTY_REALM);

        assertThat(apply.exit()).as("%s", apply).isEqualTo(0);
        DvcConfigRun plan = dvcConfig("plan", demo.toString(), "--realm", EMPTY_REALM, "--format", "json");
        assertThat(plan.exit()).as("the round trip: %s", plan).isEqualTo(0);
        JsonNode document = JSON.readTree(plan.out());
        assertThat(document.at("/counts/unchanged").asInt()).as("2 agencies, 2 IdPs, 2 services, the role holders: %s", plan.out()).isEqualTo(7);
        var copy = federation.admin().realm(EMPTY_REALM);
        assertThat(copy.identityProviders().get("berlin-senfin").toRepresentation().getConfig())
                .containsEntry("dvc.managed-by", "federation-config");
        assertThat(copy.clients().findByClientId("demo-service").get(0).getRedirectUris())
                .containsExactlyElementsOf(federation.admin().realm(DemoFederation.REALM).clients().findByClientId("demo-service").get(0)
                        .getRedirectUris());
        federation.admin().realm(EMPTY_REALM).remove();
    }

    /**
     * DVC's one-read snapshot, which plan and apply compare the files with, says what the stock admin API says of every
     * organization, IdP and mapper of the realm (the demo's, the fixture's, this test's), secrets masked the same way;
     * and it is the realm administrator's.
     */
    @Test
    @Order(6)
    void theRealmSettingsAreSetInTheServersTransactionAndNothingElseOfTheRealm() throws Exception {
        var realm = federation.admin().realm(DemoFederation.REALM);
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        String url = federation.serverUrl() + "/admin/realms/" + DemoFederation.REALM + "/dvc-federation/settings";
        java.util.function.Function<String, java.net.http.HttpResponse<String>> put = body -> {
            try {
                return http.send(java.net.http.HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + federation.admin().tokenManager().getAccessTokenString())
                        .timeout(java.time.Duration.ofSeconds(30)).PUT(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        Map<String, String> before = realm.toRepresentation().getAttributes();
        String holders = before.get("dvc.role-holders");
        assertThat(holders).as("the demo's settings.yaml roles, applied").contains("petra.betrieb%40bmi.bund.example");
        try {
            var damaged = put.apply("{\"dvc.refresh\": \"interval-seconds=soon\"}");
            assertThat(damaged.statusCode()).isEqualTo(400);
            assertThat(damaged.body()).contains("setting_invalid", "dvc.refresh does not decode").doesNotContain("Exception");
            assertThat(put.apply("{\"displayName\": \"x\", \"dvc.refresh\": \"\"}").body()).contains("setting_unknown");
            assertThat(put.apply("{\"dvc.refresh\": 3600}").statusCode()).isEqualTo(400);
            assertThat(realm.toRepresentation().getAttributes()).as("refused: nothing changed").isEqualTo(before);

            // Another administrator's attribute, set after apply read the realm: left as it is (no read-modify-write).
            Map<String, String> withOther = new HashMap<>(before);
            withOther.put("it.other", "kept");
            org.keycloak.representations.idm.RealmRepresentation update = new org.keycloak.representations.idm.RealmRepresentation();
            update.setAttributes(withOther);
            realm.update(update);
            assertThat(put.apply("{\"dvc.refresh\": \"interval-seconds=7200;key-change-needs-approval=true\", \"dvc.role-holders\": \""
                    + holders.replace("\t", "\\t").replace("\n", "\\n") + "\"}").statusCode()).isEqualTo(204);
            Map<String, String> after = realm.toRepresentation().getAttributes();
            assertThat(after).containsEntry("dvc.refresh", "interval-seconds=7200;key-change-needs-approval=true")
                    .containsEntry("dvc.role-holders", holders).containsEntry("it.other", "kept");
            assertThat(put.apply("{\"dvc.refresh\": \"\"}").statusCode()).isEqualTo(204);
            assertThat(realm.toRepresentation().getAttributes()).doesNotContainKey("dvc.refresh").containsEntry("it.other", "kept");
        } finally {
            org.keycloak.representations.idm.RealmRepresentation restore = new org.keycloak.representations.idm.RealmRepresentation();
            restore.setAttributes(new HashMap<>(before));
            realm.update(restore);
        }
    }

    @Test
    @Order(6)
    void theSnapshotShowsWhatTheStockAdminApiShows() throws Exception {
        var realm = federation.admin().realm(DemoFederation.REALM);
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        String url = federation.serverUrl() + "/admin/realms/" + DemoFederation.REALM + "/dvc-federation/snapshot";
        // Read before and after the snapshot: the server's own refresh rounds may change an IdP meanwhile (other test
        // classes' registrations share this server); each IdP must match the stock API at one of the two moments.
        Map<String, IdentityProviderRepresentation> before = new HashMap<>();
        realm.identityProviders().find(null, false, 0, 100_000).forEach(i -> before.put(i.getAlias(), i));
        java.net.http.HttpResponse<String> answer = http.send(java.net.http.HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + federation.admin().tokenManager().getAccessTokenString())
                .timeout(java.time.Duration.ofSeconds(60)).GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode snapshot = JSON.readTree(answer.body());

        List<IdentityProviderRepresentation> stockIdps = realm.identityProviders().find(null, false, 0, 100_000);
        assertThat(snapshot.get("identityProviders")).hasSize(stockIdps.size());
        Map<String, JsonNode> idps = new HashMap<>();
        snapshot.get("identityProviders").forEach(i -> idps.put(i.get("alias").asText(), i));
        // The one known difference: the stock API shows the IdPs of a disabled organization as disabled (another test class
        // disables agency it-abgeschaltet); the snapshot shows the IdP's own flag, the one apply writes and plan compares.
        java.util.Set<String> disabledOrganizations = new java.util.HashSet<>();
        snapshot.get("organizations").forEach(o -> {
            if (!o.get("enabled").asBoolean()) {
                disabledOrganizations.add(o.get("id").asText());
            }
        });
        for (IdentityProviderRepresentation stock : stockIdps) {
            JsonNode idp = idps.get(stock.getAlias());
            assertThat(idp).as(stock.getAlias()).isNotNull();
            boolean organizationDisabled = stock.getOrganizationId() != null && disabledOrganizations.contains(stock.getOrganizationId());
            List<String> now = differences(idp, stock, organizationDisabled);
            assertThat(now.isEmpty() || before.containsKey(stock.getAlias())
                    && differences(idp, before.get(stock.getAlias()), organizationDisabled).isEmpty())
                    .as("%s differs from the stock API: %s", stock.getAlias(), now).isTrue();
            List<IdentityProviderMapperRepresentation> stockMappers = realm.identityProviders().get(stock.getAlias()).getMappers();
            List<JsonNode> mappers = new ArrayList<>();
            snapshot.get("identityProviderMappers").forEach(m -> {
                if (m.get("identityProviderAlias").asText().equals(stock.getAlias())) {
                    mappers.add(m);
                }
            });
            assertThat(mappers).as(stock.getAlias()).hasSize(stockMappers.size());
            for (IdentityProviderMapperRepresentation stockMapper : stockMappers) {
                assertThat(mappers).as(stock.getAlias() + " " + stockMapper.getName()).anyMatch(m -> m.get("id").asText().equals(stockMapper.getId())
                        && m.get("identityProviderMapper").asText().equals(stockMapper.getIdentityProviderMapper())
                        && JSON.convertValue(m.get("config"), Map.class).equals(stockMapper.getConfig()));
            }
        }
        assertThat(idps.get("bund-bmi").at("/config/clientSecret").asText()).as("masked as the stock API masks it").isEqualTo("**********");

        List<OrganizationRepresentation> stockOrganizations = realm.organizations().search(null, false, 0, 100_000, false);
        assertThat(snapshot.get("organizations")).hasSize(stockOrganizations.size());
        Map<String, JsonNode> organizations = new HashMap<>();
        snapshot.get("organizations").forEach(o -> organizations.put(o.get("id").asText(), o));
        for (OrganizationRepresentation stock : stockOrganizations) {
            JsonNode organization = organizations.get(stock.getId());
            assertThat(organization).as(stock.getAlias()).isNotNull();
            assertThat(organization.get("alias").asText()).isEqualTo(stock.getAlias());
            assertThat(organization.get("name").asText()).isEqualTo(stock.getName());
            assertThat(JSON.convertValue(organization.get("attributes"), Map.class)).as(stock.getAlias())
                    .isEqualTo(stock.getAttributes() == null ? Map.of() : stock.getAttributes());
            List<String> domains = new ArrayList<>();
            organization.get("domains").forEach(d -> domains.add(d.get("name").asText() + " " + d.get("verified").asBoolean()));
            // An agency created through the agency API has no domain yet: the stock API answers null, not [].
            assertThat(domains).as(stock.getAlias()).containsExactlyInAnyOrderElementsOf(stock.getDomains() == null ? List.of()
                    : stock.getDomains().stream().map(d -> d.getName() + " " + d.isVerified()).toList());
        }

        // A token of realm dvc (a civil servant's, held by a service) is no admin login.
        BrokeredLogin browser = new BrokeredLogin(new LoginRequest(federation.serverUrl(), federation.serviceUrl()), federation.serverUrl());
        String serviceToken = browser.tokenResponse(browser.login("bund-bmi", DemoAgencies.BUND_BMI.user().username(), "demo", Map.of()),
                DemoFederation.DEMO_CLIENT_SECRET).get("access_token").asText();
        java.net.http.HttpResponse<String> refused = http.send(java.net.http.HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + serviceToken).timeout(java.time.Duration.ofSeconds(60)).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).as(refused.body()).isIn(401, 403);
    }

    private static final String EMPTY_REALM = "dvc-round-trip";

    /** Where the snapshot's IdP says something else than the stock API's (unset flags: the stock API shows some as null). */
    private static List<String> differences(JsonNode idp, IdentityProviderRepresentation stock, boolean organizationDisabled) {
        List<String> differences = new ArrayList<>();
        Map<String, Object> checks = new java.util.LinkedHashMap<>();
        checks.put("config", java.util.Objects.equals(JSON.convertValue(idp.get("config"), Map.class), stock.getConfig()));
        checks.put("providerId", idp.get("providerId").asText().equals(stock.getProviderId()));
        checks.put("enabled", idp.get("enabled").asBoolean() == stock.isEnabled() || organizationDisabled && !stock.isEnabled());
        checks.put("trustEmail", flag(idp, "trustEmail") == Boolean.TRUE.equals(stock.isTrustEmail()));
        checks.put("hideOnLogin", flag(idp, "hideOnLogin") == Boolean.TRUE.equals(stock.isHideOnLogin()));
        checks.put("linkOnly", flag(idp, "linkOnly") == Boolean.TRUE.equals(stock.isLinkOnly()));
        checks.put("firstBrokerLoginFlowAlias", java.util.Objects.equals(idp.path("firstBrokerLoginFlowAlias").asText(null),
                stock.getFirstBrokerLoginFlowAlias()));
        checks.put("organizationId", java.util.Objects.equals(idp.path("organizationId").asText(null), stock.getOrganizationId()));
        checks.put("displayName", java.util.Objects.equals(idp.path("displayName").asText(null), stock.getDisplayName()));
        checks.forEach((field, same) -> {
            if (!Boolean.TRUE.equals(same)) {
                differences.add(field);
            }
        });
        return differences;
    }

    private static boolean flag(JsonNode object, String field) {
        return object.path(field).asBoolean(false);
    }

    @Test
    @Order(7)
    void aRenamedServiceIsPlannedAsOneRenameAndApplied() throws Exception {
        String redirect = federation.serviceUrl() + "/fc/callback";
        Path files = tree("Gemeinde Föderationstest (neu)", List.of(serviceRedirect(), redirect), RENAMED_SERVICE);

        DvcConfigRun plan = dvcConfig("plan", files.toString(), "--format", "json");

        assertThat(plan.exit()).as("%s", plan).isEqualTo(4);
        JsonNode document = JSON.readTree(plan.out());
        assertThat(document.at("/counts/rename").asInt()).as("one rename, not a delete and an unrelated create: %s", plan.out()).isEqualTo(1);
        assertThat(document.at("/counts/create").asInt()).isZero();
        assertThat(document.at("/counts/delete").asInt()).isZero();
        assertThat(dvcConfig("apply", files.toString()).exit()).isEqualTo(0);
        var realm = federation.admin().realm(DemoFederation.REALM);
        assertThat(realm.clients().findByClientId(SERVICE)).as("the old client id is gone").isEmpty();
        assertThat(realm.clients().findByClientId(RENAMED_SERVICE).get(0).getRedirectUris()).containsExactlyInAnyOrder(serviceRedirect(), redirect);
        assertThat(dvcConfig("plan", files.toString()).exit()).isEqualTo(0);
    }

    @Test
    @Order(8)
    void anInterruptedApplyReportsWhatItAppliedAndARunAgainCompletesIt() throws Exception {
        String redirect = federation.serviceUrl() + "/fc/callback";
        Path before = tree("Gemeinde Föderationstest (neu)", List.of(serviceRedirect(), redirect), RENAMED_SERVICE);
        Path files = copy(before, Files.createTempDirectory(work, "many-"));
        Files.createDirectories(files.resolve("agencies/many"));
        for (int i = 0; i < MANY; i++) {
            Files.writeString(files.resolve("agencies/many/" + many(i) + ".yaml"), """
                    kind: Agency
                    id: %s
                    name: Föderationstest Unterbrechung %03d
                    level: municipal
                    state: DE-BY
                    domains:
                      - %s.example
                    """.formatted(many(i), i, many(i)));
        }
        var realm = federation.admin().realm(DemoFederation.REALM);

        // One object at a time, Ctrl-C (SIGINT) a moment after apply printed its plan and began to write (asking the
        // server how far it got raced with the apply: a fast one was done before the answer said 3).
        java.util.concurrent.atomic.AtomicLong planned = new java.util.concurrent.atomic.AtomicLong();
        DvcConfigRun interrupted = dvcConfig(List.of("apply", files.toString(), "--parallel", "1"), out -> {
            if (out.contains("Apply of") && planned.get() == 0) {
                planned.set(System.nanoTime());
            }
            return planned.get() != 0 && System.nanoTime() - planned.get() > 400_000_000L;
        });

        assertThat(interrupted.exit()).as("interrupted: %s", interrupted).isEqualTo(130);
        assertThat(interrupted.out()).contains("Stopped: interrupted").contains("Run apply again to complete it");
        int applied = realm.organizations().search("Föderationstest Unterbrechung", false, 0, MANY).size();
        assertThat(applied).as("not all applied").isLessThan(MANY);
        assertThat(interrupted.out()).contains("Not applied: " + (MANY - applied));

        DvcConfigRun resumed = dvcConfig("apply", files.toString(), "--format", "json");

        assertThat(resumed.exit()).as("%s", resumed).isEqualTo(0);
        assertThat(JSON.readTree(resumed.out()).at("/changes").size()).as("only the rest: %s", resumed.out()).isEqualTo(MANY - applied);
        assertThat(realm.organizations().search("Föderationstest Unterbrechung", false, 0, MANY + 1)).hasSize(MANY);
        assertThat(dvcConfig("plan", files.toString()).exit()).isEqualTo(0);
        // and away again: the files as before
        assertThat(dvcConfig("apply", before.toString()).exit()).isEqualTo(0);
        assertThat(realm.organizations().search("Föderationstest Unterbrechung", false, 0, MANY)).isEmpty();
    }

    private static final int MANY = 120;

    private static String many(int i) {
        return String.format(java.util.Locale.ROOT, "it-fc-many-%03d", i);
    }

    @Test
    @Order(9)
    void filesWithoutTheAgencyDeleteWhatApplyCreatedAndNothingElse() throws Exception {
        // The demo's files only: the demo's agencies, IdPs and services (owned too: the demo applied them) stay.
        Path empty = copy(demoFiles(), Files.createTempDirectory(work, "demo-only-"));

        DvcConfigRun plan = dvcConfig("plan", empty.toString(), "--format", "json");
        assertThat(plan.exit()).as("%s", plan).isEqualTo(4);
        assertThat(JSON.readTree(plan.out()).at("/counts/delete").asInt()).isEqualTo(4);
        assertThat(dvcConfig("apply", empty.toString()).exit()).isEqualTo(0);

        var realm = federation.admin().realm(DemoFederation.REALM);
        for (String gone : List.of(SAML_IDP, OIDC_IDP)) {
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> realm.identityProviders().get(gone).toRepresentation()))
                    .as(gone).isInstanceOf(jakarta.ws.rs.NotFoundException.class);
        }
        for (String kept : List.of("berlin-senfin", "bund-bmi")) {
            assertThat(realm.identityProviders().get(kept).toRepresentation().isEnabled()).as(kept).isTrue();
        }
        assertThat(realm.organizations().search("Gemeinde Föderationstest (neu)")).extracting(OrganizationRepresentation::getAlias)
                .doesNotContain(AGENCY);
        assertThat(realm.clients().findByClientId(SERVICE)).isEmpty();
        assertThat(realm.clients().findByClientId("demo-service")).hasSize(1);
        assertThat(dvcConfig("plan", empty.toString()).exit()).isEqualTo(0);
    }

    private static final String DIRECTORY_AGENCY = "it-fc-verzeichnis";
    private static final String LDAP_IDP = "it-fc-ldap";
    private static final String DIRECTORY_DOMAIN = "fc-verzeichnis.example";
    private static String bindSecret;

    /**
     * An agency directory (issue 14) as files: a dvc-ldap IdP created as the registration API makes one (settings JSON
     * without the secret, the secret resolved from the environment and masked by the admin API, the profile mapper), a
     * civil servant logs in through it (so the bind secret apply wrote is the right one), planned again without changes,
     * a setting changed field by field, the secret moved into Keycloak's vault by reference, and deleted with its agency.
     */
    @Test
    @Order(10)
    void anAgencyDirectoryIsAppliedLogsInReconcilesAndIsRemoved() throws Exception {
        try (de.dvc.iam.demo.AgencyDirectoryServer directory = new de.dvc.iam.demo.AgencyDirectoryServer(federation.web(), DIRECTORY_DOMAIN,
                List.of(new de.dvc.iam.demo.AgencyDirectoryServer.Person("paul.becker", "Paul", "Becker", "Bauamt", 512, List.of("GG-Bauamt"))))) {
            Map<String, Object> settings = directory.settings(Map.of("GG-Bauamt", "Sachbearbeitung"));
            bindSecret = (String) settings.get("bindSecret");
            Path files = directoryTree(settings, 4, "env:IT_FC_BIND_SECRET");
            assertThat(dvcConfig("validate", files.toString()).exit()).isEqualTo(0);

            DvcConfigRun plan = dvcConfig("plan", files.toString(), "--format", "json");
            assertThat(plan.exit()).as("%s", plan).isEqualTo(4);
            assertThat(JSON.readTree(plan.out()).at("/changes").findValuesAsText("name")).containsExactlyInAnyOrder(DIRECTORY_AGENCY, LDAP_IDP);
            assertThat(plan.out() + plan.err()).doesNotContain(bindSecret);
            DvcConfigRun apply = dvcConfig("apply", files.toString());
            assertThat(apply.exit()).as("%s", apply).isEqualTo(0);
            assertThat(apply.out() + apply.err()).doesNotContain(bindSecret);

            var realm = federation.admin().realm(DemoFederation.REALM);
            IdentityProviderRepresentation idp = realm.identityProviders().get(LDAP_IDP).toRepresentation();
            assertThat(idp.getProviderId()).isEqualTo("dvc-ldap");
            assertThat(idp.getOrganizationId()).isEqualTo(organization("Gemeinde Verzeichnistest", DIRECTORY_AGENCY).getId());
            assertThat(idp.getConfig()).containsEntry("dvc.managed-by", "federation-config")
                    .containsEntry("dvc.config.secret-ref", "env:IT_FC_BIND_SECRET").containsEntry("kc.org.domain", DIRECTORY_DOMAIN);
            assertThat(idp.getConfig().get("clientSecret")).as("the bind secret, masked by the admin API").isEqualTo("**********");
            JsonNode stored = JSON.readTree(idp.getConfig().get("dvc.directory.settings"));
            assertThat(stored.get("url").asText()).isEqualTo(settings.get("url"));
            assertThat(stored.get("poolSize").asInt()).isEqualTo(4);
            assertThat(stored.has("bindSecret")).isFalse();
            assertThat(idp.getConfig().toString()).doesNotContain(bindSecret);
            assertThat(realm.identityProviders().get(LDAP_IDP).getMappers()).singleElement().satisfies(m -> {
                assertThat(m.getIdentityProviderMapper()).isEqualTo("dvc-agency-profile");
                assertThat(m.getConfig()).containsEntry("profile", "ldap-ad").containsEntry("assurance.max", "normal");
            });

            // A login through it: the directory accepted the bind secret apply resolved from the environment.
            BrokeredLogin browser = new BrokeredLogin(new LoginRequest(federation.serverUrl(), federation.serviceUrl()), federation.serverUrl());
            BrokeredLogin.Outcome login = browser.login(LDAP_IDP, "paul.becker@" + DIRECTORY_DOMAIN, "demo", Map.of());
            assertThat(login.succeeded()).as("%s", login).isTrue();
            JsonNode token = browser.redeem(login, DemoFederation.DEMO_CLIENT_SECRET).idToken();
            assertThat(token.at("/agency/id").asText()).isEqualTo(DIRECTORY_AGENCY);
            assertThat(token.at("/home_idp").asText()).isEqualTo(LDAP_IDP);
            assertThat(token.at("/roles").toString()).as("groupRoles of the files").contains("Sachbearbeitung");
            assertThat(token.at("/dvc_assurance").asText()).isEqualTo("normal");

            DvcConfigRun again = dvcConfig("plan", files.toString(), "--format", "json");
            assertThat(again.exit()).as("what apply wrote reads back as the files: %s", again).isEqualTo(0);

            Path changed = directoryTree(settings, 6, "env:IT_FC_BIND_SECRET");
            DvcConfigRun update = dvcConfig("plan", changed.toString(), "--format", "json");
            assertThat(update.exit()).as("%s", update).isEqualTo(4);
            JsonNode fields = JSON.readTree(update.out()).at("/changes/0/fields");
            assertThat(fields.findValuesAsText("field")).as("%s", update.out()).containsExactly("directory.poolSize");
            assertThat(dvcConfig("apply", changed.toString()).exit()).isEqualTo(0);
            assertThat(JSON.readTree(realm.identityProviders().get(LDAP_IDP).toRepresentation().getConfig().get("dvc.directory.settings"))
                    .get("poolSize").asInt()).isEqualTo(6);

            Path vault = directoryTree(settings, 6, "vault:it-fc-bind");
            assertThat(dvcConfig("apply", vault.toString()).exit()).isEqualTo(0);
            assertThat(realm.identityProviders().get(LDAP_IDP).toRepresentation().getConfig())
                    .as("a vault reference, stored as Keycloak's vault expression (readable: it is no secret)")
                    .containsEntry("clientSecret", "${vault.it-fc-bind}").doesNotContainKey("dvc.config.secret-ref");
            assertThat(dvcConfig("plan", vault.toString()).exit()).isEqualTo(0);
        } finally {
            Path demoOnly = copy(demoFiles(), Files.createTempDirectory(work, "demo-only-"));
            assertThat(dvcConfig("apply", demoOnly.toString()).exit()).isEqualTo(0);
        }
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> federation.admin().realm(DemoFederation.REALM).identityProviders()
                .get(LDAP_IDP).toRepresentation())).isInstanceOf(jakarta.ws.rs.NotFoundException.class);
    }

    /** The demo's files with an agency whose only IdP is its directory (CA certificate in a file next to the agency file). */
    private static Path directoryTree(Map<String, Object> settings, int poolSize, String bindSecretReference) throws IOException {
        Path root = copy(demoFiles(), Files.createTempDirectory(work, "directory-"));
        Files.createDirectories(root.resolve("agencies/ni/certificates"));
        Files.writeString(root.resolve("agencies/ni/certificates/" + LDAP_IDP + "-ca.pem"), (String) settings.get("caCertificates"));
        Files.writeString(root.resolve("agencies/ni/" + DIRECTORY_AGENCY + ".yaml"), """
                kind: Agency
                id: %s
                name: Gemeinde Verzeichnistest
                level: municipal
                state: DE-NI
                domains:
                  - %s
                idps:
                  - alias: %s
                    displayName: Gemeinde Verzeichnistest (Active Directory)
                    protocol: ldap
                    profile: ldap-ad
                    directory:
                      url: %s
                      caCertificatesFile: certificates/%s-ca.pem
                      bindDn: "%s"
                      bindSecret: %s
                      baseDn: "%s"
                      userFilter: "%s"
                      loginAttribute: %s
                      profile: %s
                      groupRoles:
                        GG-Bauamt: Sachbearbeitung
                      poolSize: %d
                    maxAssurance: normal
                    lifecycle: active
                """.formatted(DIRECTORY_AGENCY, DIRECTORY_DOMAIN, LDAP_IDP, settings.get("url"), LDAP_IDP, settings.get("bindDn"),
                bindSecretReference, settings.get("baseDn"), settings.get("userFilter"), settings.get("loginAttribute"),
                settings.get("profile"), poolSize));
        return root;
    }

    /** The organization named {@code name} (Keycloak's search finds organizations by name, not by alias). */
    private static OrganizationRepresentation organization(String name, String alias) {
        return federation.admin().realm(DemoFederation.REALM).organizations().search(name).stream()
                .filter(o -> alias.equals(o.getAlias())).findFirst()
                .orElseThrow(() -> new AssertionError("no organization " + alias + " named " + name));
    }

    // --- the files ---

    /** federation/demo as the test server runs it: its ports instead of the demo's 8080 and 8081. */
    private static Path demoFiles() throws IOException {
        Path source = Path.of(System.getProperty("dvc.config.command")).getParent().resolve("federation/demo");
        Path target = work.resolve("demo");
        String server = URI.create(federation.serverUrl()).getAuthority();
        String service = URI.create(federation.serviceUrl()).getAuthority();
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path copy = target.resolve(source.relativize(file).toString());
                Files.createDirectories(copy.getParent());
                Files.writeString(copy, Files.readString(file).replace("localhost:8080", server).replace("localhost:8081", service));
            }
        }
        return target;
    }

    private static String serviceRedirect() {
        return federation.serviceUrl() + "/fc/login";
    }

    /** The demo's files with the test agency (its two IdPs) and its service, in a fresh directory. */
    private static Path tree(String agencyName, List<String> redirectUris) throws IOException {
        return tree(agencyName, redirectUris, SERVICE);
    }

    private static Path tree(String agencyName, List<String> redirectUris, String service) throws IOException {
        Path root = copy(demoFiles(), Files.createTempDirectory(work, "tree-"));
        Files.createDirectories(root.resolve("agencies/by"));
        Files.createDirectories(root.resolve("services"));
        String server = federation.serverUrl();
        Files.writeString(root.resolve("agencies/by/" + AGENCY + ".yaml"), """
                kind: Agency
                id: %s
                name: %s
                level: municipal
                state: DE-BY
                domains:
                  - %s
                idps:
                  - alias: %s
                    displayName: Gemeinde Föderationstest (SAML)
                    protocol: saml
                    metadataUrl: %s/realms/agency-%s/protocol/saml/descriptor
                    entityId: %s/realms/agency-%s
                    profile: saml-oid
                    maxAssurance: normal
                    acrTable:
                      urn:oasis:names:tc:SAML:2.0:ac:classes:unspecified: normal
                    lifecycle: active
                  - alias: %s
                    displayName: Gemeinde Föderationstest (OIDC)
                    protocol: oidc
                    issuer: %s/realms/agency-%s
                    clientId: dvc-iam
                    clientSecret: env:IT_FC_OIDC_SECRET
                    profile: oidc
                    maxAssurance: normal
                    acrTable:
                      "1": normal
                    lifecycle: active
                """.formatted(AGENCY, agencyName, DOMAIN, SAML_IDP, server, SAML_IDP, server, SAML_IDP, OIDC_IDP, server, OIDC_IDP));
        StringBuilder uris = new StringBuilder();
        redirectUris.forEach(u -> uris.append("  - ").append(u).append('\n'));
        Files.writeString(root.resolve("services/" + service + ".yaml"), """
                kind: Service
                clientId: %s
                name: Fachverfahren Föderationstest
                owner:
                  name: Gemeinde Föderationstest
                  agency: %s
                contact: ida.test@%s
                type: public
                flows: [code]
                redirectUris:
                %spkceRequired: true
                sector: fc.dvc.example
                requiredAssurance: normal
                """.formatted(service, AGENCY, DOMAIN, uris));
        return root;
    }

    /** A copy of the files below {@code from} in {@code to}; returns {@code to}. */
    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return to;
    }

    // --- running dvc-config ---

    /** {@code ./dvc-config ARGS} against the test server (--server added unless given), as the operator runs it. */
    private static DvcConfigRun dvcConfig(String... args) throws Exception {
        return dvcConfig(List.of(args), out -> false);
    }

    /** The same, with a Ctrl-C (SIGINT) to the process once {@code interruptWhen} holds for its stdout (checked every 50 ms). */
    private static DvcConfigRun dvcConfig(List<String> arguments, java.util.function.Predicate<String> interruptWhen) throws Exception {
        Map<String, String> environment = new java.util.HashMap<>(demoSecrets());
        environment.put("IT_FC_OIDC_SECRET", oidcSecret);
        if (bindSecret != null) {
            environment.put("IT_FC_BIND_SECRET", bindSecret);
        }
        environment.put("DVC_DEMO_SERVICE_CLIENT_SECRET", DemoFederation.DEMO_CLIENT_SECRET);
        return DvcConfigRun.of(work, federation.serverUrl(), environment, arguments, interruptWhen);
    }

    /** The secret the demo generated for the BMI's OIDC client, which federation/demo names by reference. */
    private static Map<String, String> demoSecrets() {
        Map<String, String> secrets = new HashMap<>();
        var realm = federation.admin().realm("agency-bund-bmi");
        ClientRepresentation broker = realm.clients().findByClientId("dvc-iam").get(0);
        secrets.put("DVC_DEMO_BUND_BMI_CLIENT_SECRET", realm.clients().get(broker.getId()).getSecret().getValue());
        return secrets;
    }
}
