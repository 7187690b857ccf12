package de.dvc.iam.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import de.dvc.iam.core.agency.Agency;
import de.dvc.iam.core.agency.AgencyLevel;
import de.dvc.iam.demo.AgencyIdpUsers;
import de.dvc.iam.demo.DemoAgencies;
import de.dvc.iam.demo.DemoAgencies.DemoAgency;
import de.dvc.iam.demo.DemoAgencies.DemoUser;
import de.dvc.iam.demo.DemoFederation;
import de.dvc.iam.demo.client.BrokeredLogin;
import de.dvc.iam.demo.client.BrokeredLogin.Outcome;
import de.dvc.iam.demo.client.LoginRequest;
import de.dvc.iam.demo.client.BrokeredLogin.Tokens;
import de.dvc.iam.it.RunningFederation.Federation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ClientScopeRepresentation;
import org.keycloak.representations.idm.RequiredActionProviderRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The DVC identity contract end to end, browser-less, against the real server with the real SAML
 * and OIDC agency IdPs: claims and their schema, attribute profiles at every login, domain binding,
 * keying by (IdP, subject), assurance, pairwise subjects, access policies and audit. Every refusal
 * checks that no user, link or session was left behind.
 */
@ExtendWith(RunningFederation.class)
class IdentityContractIT {

    private static final String SECRET = "contract-test-secret";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A test agency with two IdPs: SAML (normal) and OIDC (up to substantiell), for the same-agency and step-up cases. */
    private static final Agency ZWEIFACH = Agency.builder("it-zweifach", "Testamt Zweifach", AgencyLevel.OTHER).build();
    private static final DemoUser TINA = new DemoUser("tina.test", "tina.test@zweifach.example", "Tina", "Test", "demo",
            "Poststelle", List.of("Posteingang"));
    private static final DemoAgency ZWEIFACH_SAML = new DemoAgency(ZWEIFACH, "it-zweifach", "zweifach.example",
            DemoAgencies.Protocol.SAML, TINA, "saml-oid", "normal", "urn:oasis:names:tc:SAML:2.0:ac:classes:unspecified = normal");
    /** An agency the test disables in the admin console. */
    private static final Agency ABGESCHALTET = Agency.builder("it-abgeschaltet", "Testamt Abgeschaltet", AgencyLevel.OTHER).build();
    private static final DemoAgency ABGESCHALTET_OIDC = new DemoAgency(ABGESCHALTET, "it-abgeschaltet", "abgeschaltet.example",
            DemoAgencies.Protocol.OIDC, new DemoUser("paul.pause", "paul.pause@abgeschaltet.example", "Paul", "Pause", "demo", "X",
                    List.of()), "oidc", "normal", "1 = normal");
    /** An IdP whose DVC mapping was deleted (by hand, by a tool): it must refuse every login. */
    private static final DemoAgency UNMAPPED = new DemoAgency(ZWEIFACH, "it-unmapped", "zweifach.example",
            DemoAgencies.Protocol.OIDC, TINA, "oidc", "normal", "1 = normal");
    private static final DemoAgency ZWEIFACH_OIDC = new DemoAgency(ZWEIFACH, "it-zweifach-oidc", "zweifach.example",
            DemoAgencies.Protocol.OIDC, TINA, "oidc", "substantiell", "1 = normal\nurn:zweifach:loa:smartcard = substantiell");

    private final Federation federation;

    IdentityContractIT(Federation federation) {
        this.federation = federation;
    }

    @BeforeAll
    static void services(Federation federation) {
        DemoFederation demo = new DemoFederation(federation.admin(), federation.serverUrl(), federation.serviceUrl());
        demo.ensureAgencyIdp(ZWEIFACH_SAML);
        demo.ensureAgencyIdp(ZWEIFACH_OIDC);
        demo.ensureAgencyIdp(UNMAPPED);
        demo.ensureAgencyIdp(ABGESCHALTET_OIDC);
        var unmapped = federation.admin().realm("dvc").identityProviders().get(UNMAPPED.idpAlias());
        unmapped.getMappers().forEach(mapper -> unmapped.delete(mapper.getId()));
        service(federation, "sector-two", Map.of("dvc.sector", "sector-two.dvc.example"));
        service(federation, "federal-only", Map.of("dvc.policy.levels", "federal", "dvc.policy.contact", "it-service@bund.example"));
        service(federation, "haushalt-only", Map.of("dvc.policy.roles", "Haushalt"));
        service(federation, "berlin-only", Map.of("dvc.policy.states", "DE-BE"));
        service(federation, "substantiell", Map.of("dvc.policy.assurance", "substantiell"));
        service(federation, "hoch", Map.of("dvc.policy.assurance", "hoch"));
        service(federation, "broken-policy", Map.of("dvc.policy.levels", "kommunal"));
    }

    private static void service(Federation federation, String clientId, Map<String, String> attributes) {
        RealmResource dvc = federation.admin().realm("dvc");
        if (!dvc.clients().findByClientId(clientId).isEmpty()) {
            return;
        }
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(clientId);
        client.setName("Test service " + clientId);
        client.setSecret(SECRET);
        client.setPublicClient(false);
        client.setStandardFlowEnabled(true);
        client.setRedirectUris(List.of(federation.serviceUrl() + "/login/oauth2/code/dvc"));
        Map<String, String> all = new HashMap<>(attributes);
        all.put("pkce.code.challenge.method", "S256");
        all.putIfAbsent("dvc.sector", clientId + ".test.dvc.example");
        client.setAttributes(all);
        dvc.clients().create(client).close();
    }

    private BrokeredLogin browser(String clientId) {
        return new BrokeredLogin(new LoginRequest(federation.serverUrl(), federation.serviceUrl()).as(clientId), federation.serverUrl());
    }

    private Tokens login(String clientId, String secret, String idp, String user) throws Exception {
        BrokeredLogin browser = browser(clientId);
        return browser.redeem(browser.login(idp, user, "demo", Map.of()), secret);
    }

    @Test
    void samlLoginCarriesTheWholeContractInEveryTokenAndMatchesTheSchema() throws Exception {
        Tokens tokens = login("demo-service", DemoFederation.DEMO_CLIENT_SECRET, "berlin-senfin", "anna.schmidt");

        JsonNode id = tokens.idToken();
        assertThat(id.at("/dvc_contract").asText()).isEqualTo("1.1");
        assertThat(id.at("/name").asText()).isEqualTo("Anna Schmidt");
        assertThat(id.at("/email").asText()).isEqualTo("anna.schmidt@senfin.berlin.example");
        assertThat(id.at("/agency/id").asText()).isEqualTo("berlin-senfin");
        assertThat(id.at("/org_unit/name").asText()).isEqualTo("Referat II A - Haushalt");
        assertThat(id.at("/roles")).extracting(r -> r.get("name").asText()).containsExactlyInAnyOrder("Haushalt", "Sachbearbeitung");
        assertThat(id.at("/dvc_assurance").asText()).isEqualTo("normal");
        assertThat(id.at("/acr").asText()).isEqualTo("http://eidas.europa.eu/LoA/low");
        assertThat(id.at("/home_idp").asText()).isEqualTo("berlin-senfin");
        for (JsonNode token : List.of(id, tokens.accessToken(), tokens.userinfo())) {
            assertThat(schema().validate(token.toString(), InputFormat.JSON)).as("schema violations of %s", token).isEmpty();
            assertThat(token.at("/sub").asText()).isEqualTo(id.at("/sub").asText());
        }
        List<UserRepresentation> annas = federation.admin().realm("dvc").users().search("berlin-senfin.", 0, 1000).stream()
                .filter(u -> "anna.schmidt@senfin.berlin.example".equals(u.getEmail())).toList();
        assertThat(annas).as("one user keyed by (IdP, subject)").hasSize(1);
        assertThat(id.at("/sub").asText()).as("pairwise, not the local id").isNotEqualTo(annas.get(0).getId());
    }

    @Test
    void tokensAreSignedWithEs256AndVerifyAgainstTheRealmsPublishedKey() throws Exception {
        BrokeredLogin browser = browser("demo-service");
        JsonNode response = browser.tokenResponse(browser.login("bund-bmi", "jonas.weber", "demo", Map.of()),
                DemoFederation.DEMO_CLIENT_SECRET);
        HttpResponse<String> certs = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                federation.serverUrl() + "/realms/dvc/protocol/openid-connect/certs")).GET().build(), HttpResponse.BodyHandlers.ofString());
        JsonNode keys = JSON.readTree(certs.body()).get("keys");
        for (String name : List.of("id_token", "access_token")) {
            String[] jwt = response.get(name).asText().split("\\.");
            JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(jwt[0]));
            assertThat(header.get("alg").asText()).as("%s signature algorithm", name).isEqualTo("ES256");
            JsonNode key = java.util.stream.StreamSupport.stream(keys.spliterator(), false)
                    .filter(k -> header.get("kid").asText().equals(k.path("kid").asText())).findFirst().orElseThrow();
            assertThat(key.get("kty").asText() + " " + key.get("crv").asText()).isEqualTo("EC P-256");
            java.security.AlgorithmParameters curve = java.security.AlgorithmParameters.getInstance("EC");
            curve.init(new java.security.spec.ECGenParameterSpec("secp256r1"));
            java.security.PublicKey publicKey = java.security.KeyFactory.getInstance("EC").generatePublic(new java.security.spec.ECPublicKeySpec(
                    new java.security.spec.ECPoint(new java.math.BigInteger(1, Base64.getUrlDecoder().decode(key.get("x").asText())),
                            new java.math.BigInteger(1, Base64.getUrlDecoder().decode(key.get("y").asText()))),
                    curve.getParameterSpec(java.security.spec.ECParameterSpec.class)));
            assertThat(verifies(publicKey, jwt[0] + "." + jwt[1], jwt[2])).as("%s verifies with the published key", name).isTrue();
            assertThat(verifies(publicKey, jwt[0] + "." + jwt[1] + "e30", jwt[2])).as("a changed %s does not", name).isFalse();
        }
    }

    @Test
    void serviceTokensCarryNoRealmRolesAndNoAudienceOfKeycloaksAccountApi() throws Exception {
        RealmResource dvc = federation.admin().realm("dvc");
        // A service from before the rule, holding Keycloak's scope roles as a default scope: the next set-up takes it away.
        service(federation, "roles-from-before", Map.of());
        var client = dvc.clients().get(dvc.clients().findByClientId("roles-from-before").get(0).getId());
        String roles = dvc.clientScopes().findAll().stream().filter(scope -> "roles".equals(scope.getName()))
                .map(ClientScopeRepresentation::getId).findFirst().orElseThrow();
        client.addDefaultClientScope(roles);
        assertThat(scopeNames(client.getDefaultClientScopes())).contains("roles");
        new DemoFederation(federation.admin(), federation.serverUrl(), federation.serviceUrl()).setUpRealm();
        assertThat(scopeNames(client.getDefaultClientScopes())).doesNotContain("roles").contains("dvc");
        assertThat(scopeNames(dvc.getDefaultDefaultClientScopes())).as("clients created later").doesNotContain("roles").contains("dvc");
        String accountConsole = dvc.clients().findByClientId("account-console").get(0).getId();
        assertThat(scopeNames(dvc.clients().get(accountConsole).getDefaultClientScopes())).as("Keycloak's own client keeps it")
                .contains("roles");

        for (String clientId : List.of("roles-from-before", "demo-service")) {
            Tokens tokens = login(clientId, "demo-service".equals(clientId) ? DemoFederation.DEMO_CLIENT_SECRET : SECRET,
                    "bund-bmi", "jonas.weber");
            for (JsonNode token : List.of(tokens.idToken(), tokens.accessToken(), tokens.userinfo())) {
                assertThat(token.has("realm_access") || token.has("resource_access")).as("%s: Keycloak roles in %s", clientId, token)
                        .isFalse();
                assertThat(token.path("aud").toString()).as("%s: audience", clientId).doesNotContain("\"account\"");
            }
            assertThat(tokens.accessToken().at("/agency/id").asText()).as("the contract is still there").isEqualTo("bund-bmi");
        }
    }

    private static List<String> scopeNames(List<ClientScopeRepresentation> scopes) {
        return scopes.stream().map(ClientScopeRepresentation::getName).toList();
    }

    private static boolean verifies(java.security.PublicKey key, String signed, String signature) throws Exception {
        java.security.Signature verifier = java.security.Signature.getInstance("SHA256withECDSAinP1363Format");
        verifier.initVerify(key);
        verifier.update(signed.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return verifier.verify(Base64.getUrlDecoder().decode(signature));
    }

    @Test
    void oidcLoginMapsOrgUnitAndRoles() throws Exception {
        Tokens tokens = login("demo-service", DemoFederation.DEMO_CLIENT_SECRET, "bund-bmi", "jonas.weber");

        assertThat(tokens.idToken().at("/org_unit/name").asText()).isEqualTo("Z 2 - IT-Steuerung");
        assertThat(tokens.userinfo().at("/roles/0/name").asText()).isEqualTo("IT-Koordination");
        assertThat(schema().validate(tokens.idToken().toString(), InputFormat.JSON)).isEmpty();
    }

    @Test
    void pairwiseSubjectIsStablePerSectorAndDiffersBetweenSectors() throws Exception {
        String first = login("demo-service", DemoFederation.DEMO_CLIENT_SECRET, "bund-bmi", "jonas.weber").idToken().at("/sub").asText();
        String second = login("demo-service", DemoFederation.DEMO_CLIENT_SECRET, "bund-bmi", "jonas.weber").idToken().at("/sub").asText();
        String otherSector = login("sector-two", SECRET, "bund-bmi", "jonas.weber").idToken().at("/sub").asText();

        assertThat(second).isEqualTo(first);
        assertThat(otherSector).isNotEqualTo(first);
    }

    @Test
    void noTokenCarriesAnIdentifierThatIsTheSameForEveryService() throws Exception {
        Tokens demo = login("demo-service", DemoFederation.DEMO_CLIENT_SECRET, "bund-bmi", "jonas.weber");
        Tokens other = login("sector-two", SECRET, "bund-bmi", "jonas.weber");
        for (Tokens tokens : List.of(demo, other)) {
            String sub = tokens.idToken().at("/sub").asText();
            for (JsonNode token : List.of(tokens.idToken(), tokens.accessToken(), tokens.userinfo())) {
                assertThat(token.has("upn")).as("no upn: %s", token).isFalse();
                if (token.has("preferred_username")) {
                    assertThat(token.get("preferred_username").asText()).as("preferred_username is the pairwise value").isEqualTo(sub);
                }
                assertThat(token.toString()).doesNotContain("bund-bmi.");
            }
        }
        assertThat(demo.idToken().at("/preferred_username").asText()).isNotEqualTo(other.idToken().at("/preferred_username").asText());
    }

    @Test
    void aServiceWithoutAnExplicitSectorGetsNoLogin() throws Exception {
        service(federation, "no-sector", Map.of("dvc.sector", ""));
        assertRefused("bund-bmi", "jonas.weber", "no-sector", "Test service no-sector", "service_misconfigured");
    }

    @Test
    void changedAndRemovedRolesAndOrgUnitAtTheAgencyShowAtTheNextLogin() throws Exception {
        DemoUser kim = new DemoUser("kim.berg", "kim.berg@bmi.bund.example", "Kim", "Berg", "demo", "Referat O 1", List.of("Alt"));
        AgencyIdpUsers bmi = agencyUsers(DemoAgencies.BUND_BMI);
        bmi.ensure(kim);
        assertThat(login("demo-service", DemoFederation.DEMO_CLIENT_SECRET, "bund-bmi", "kim.berg").idToken().at("/roles/0/name").asText())
                .isEqualTo("Alt");

        bmi.setAttributes("kim.berg", Map.of("roles", List.of("Neu")));
        JsonNode next = login("demo-service", DemoFederation.DEMO_CLIENT_SECRET, "bund-bmi", "kim.berg").idToken();

        assertThat(next.at("/roles")).extracting(r -> r.get("name").asText()).containsExactly("Neu");
        assertThat(next.has("org_unit")).as("org unit removed at the agency").isFalse();
    }

    @Test
    void anotherAgencysIdpAssertingAnExistingUsersEmailIsRefused() throws Exception {
        login("demo-service", DemoFederation.DEMO_CLIENT_SECRET, "berlin-senfin", "anna.schmidt");
        agencyUsers(DemoAgencies.BUND_BMI).ensure(new DemoUser("mallory", "anna.schmidt@senfin.berlin.example", "Anna", "Schmidt",
                "demo", "X", List.of()));

        assertRefused("bund-bmi", "mallory", "demo-service", "senfin.berlin.example", "domain_binding");
    }

    @Test
    void anIdpWithoutDvcMappingRefusesEveryLogin() throws Exception {
        assertRefused(UNMAPPED.idpAlias(), TINA.username(), "demo-service", "nicht vollständig eingerichtet", "identity_not_established");
        assertThat(federation.admin().realm("dvc").users().search(UNMAPPED.idpAlias() + ".", 0, 10)).as("no user keyed by it").isEmpty();
    }

    @Test
    void anIdpAssertsOnlyItsOwnDomainsNotEveryDomainOfItsAgency() throws Exception {
        // The agency also holds a second verified domain (say, proven by another IdP of it): this IdP may not assert it.
        var organizations = federation.admin().realm("dvc").organizations();
        var agency = organizations.search("Zweifach", false, 0, 10).stream().filter(o -> ZWEIFACH.id().equals(o.getAlias()))
                .findFirst().orElseThrow();
        if (agency.getDomains().stream().noneMatch(d -> d.getName().equals("zweifach-zwei.example"))) {
            org.keycloak.representations.idm.OrganizationDomainRepresentation second =
                    new org.keycloak.representations.idm.OrganizationDomainRepresentation("zweifach-zwei.example");
            second.setVerified(true);
            agency.addDomain(second);
            organizations.get(agency.getId()).update(agency).close();
        }
        agencyUsers(ZWEIFACH_SAML).ensure(new DemoUser("tom.zwei", "tom.zwei@zweifach-zwei.example", "Tom", "Zwei", "demo", "X", List.of()));

        assertRefused(ZWEIFACH_SAML.idpAlias(), "tom.zwei", "demo-service", "zweifach-zwei.example", "domain_binding");
    }

    @Test
    void anOidcEmailThatIsNotVerifiedIsRefused() throws Exception {
        AgencyIdpUsers bmi = agencyUsers(DemoAgencies.BUND_BMI);
        bmi.ensure(new DemoUser("unverified", "unverified@bmi.bund.example", "Uwe", "Nichtgeprüft", "demo", "X", List.of()));
        bmi.setEmailVerified("unverified", false);

        assertRefused("bund-bmi", "unverified", "demo-service", "email (email) with email_verified", "missing_attributes");
    }

    @Test
    void aMissingRequiredAttributeIsRefusedNamingWhatTheAgencyMustRelease() throws Exception {
        AgencyIdpUsers senfin = agencyUsers(DemoAgencies.BERLIN_SENFIN);
        senfin.allowMissing("lastName");
        senfin.ensure(new DemoUser("nolastname", "nolastname@senfin.berlin.example", "Nora", null,
                "demo", "X", List.of()));

        assertRefused("berlin-senfin", "nolastname", "demo-service", "family_name (urn:oid:2.5.4.4 or sn)", "missing_attributes");
    }

    @Test
    void twoIdpsOfOneAgencyGiveTwoUsersNeverALink() throws Exception {
        String viaSaml = login("demo-service", DemoFederation.DEMO_CLIENT_SECRET, "it-zweifach", "tina.test").idToken().at("/sub").asText();
        String viaOidc = login("demo-service", DemoFederation.DEMO_CLIENT_SECRET, "it-zweifach-oidc", "tina.test").idToken().at("/sub").asText();

        assertThat(viaOidc).isNotEqualTo(viaSaml);
        List<UserRepresentation> tinas = federation.admin().realm("dvc").users().searchByEmail("tina.test@zweifach.example", true);
        assertThat(tinas).extracting(UserRepresentation::getUsername)
                .allMatch(u -> u.startsWith("it-zweifach.") || u.startsWith("it-zweifach-oidc.")).hasSize(2);
        for (UserRepresentation tina : tinas) {
            assertThat(federation.admin().realm("dvc").users().get(tina.getId()).getFederatedIdentity()).hasSize(1);
        }
    }

    @Test
    void theFirstLoginHasNoPageWhereAssertedDataCouldBeEdited() throws Exception {
        var executions = federation.admin().realm("dvc").flows().getExecutions("dvc first broker login");
        assertThat(executions).extracting(e -> e.getProviderId()).containsExactly("idp-create-user-if-unique");

        agencyUsers(DemoAgencies.BUND_BMI).ensure(new DemoUser("neu.eins", "neu.eins@bmi.bund.example", "Neu", "Eins", "demo", "X", List.of()));
        Outcome outcome = browser("demo-service").login("bund-bmi", "neu.eins", "demo", Map.of());
        assertThat(outcome.succeeded()).as("straight back to the service: %s", outcome.body()).isTrue();
    }

    @Test
    void keycloaksProfileCheckAndSecurityKeyRegistrationAreOffAndAgencyNamesArriveUnchanged() throws Exception {
        assertThat(federation.admin().realm("dvc").flows().getRequiredActions().stream()
                .filter(RequiredActionProviderRepresentation::isEnabled)
                .map(RequiredActionProviderRepresentation::getAlias))
                .doesNotContain("VERIFY_PROFILE", "webauthn-register", "webauthn-register-passwordless")
                .contains("CONFIGURE_TOTP", "dvc-identity-established");
        // Keycloak's profile rules forbid parentheses and slashes in names; the agency's directory does not, and its
        // data is the agency's: it reaches the services as the agency holds it, with no form on the way.
        AgencyIdpUsers bmi = agencyUsers(DemoAgencies.BUND_BMI);
        bmi.allowAnyName();
        bmi.ensure(new DemoUser("greta.klammer", "greta.klammer@bmi.bund.example", "Greta", "Klammer (geb. Weber)", "demo",
                "Z 1 / Haushalt", List.of()));

        Tokens tokens = login("demo-service", DemoFederation.DEMO_CLIENT_SECRET, "bund-bmi", "greta.klammer");

        assertThat(tokens.idToken().at("/family_name").asText()).isEqualTo("Klammer (geb. Weber)");
        assertThat(tokens.idToken().at("/name").asText()).isEqualTo("Greta Klammer (geb. Weber)");
        UserRepresentation user = federation.admin().realm("dvc").users().search("bund-bmi.", 0, 1000).stream()
                .filter(u -> "greta.klammer@bmi.bund.example".equals(u.getEmail())).findFirst().orElseThrow();
        assertThat(user.getRequiredActions()).as("no pending form").isEmpty();
    }

    @Test
    void usersCannotChangeTheEmailTheAgencyAsserted() throws Exception {
        agencyUsers(DemoAgencies.BUND_BMI).ensure(new DemoUser("neu.zwei", "neu.zwei@bmi.bund.example", "Neu", "Zwei", "demo", "X", List.of()));
        // The account console is a public client of realm dvc; its token may call the account API.
        LoginRequest console = LoginRequest.redirectingTo(federation.serverUrl(), federation.serverUrl() + "/realms/dvc/account/")
                .as("account-console");
        BrokeredLogin browser = new BrokeredLogin(console, federation.serverUrl());
        String accessToken = browser.tokenResponse(browser.login("bund-bmi", "neu.zwei", "demo", Map.of()), "")
                .get("access_token").asText();
        String accountUrl = federation.serverUrl() + "/realms/dvc/account/";
        var http = console.http();
        var current = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(accountUrl))
                .header("Authorization", "Bearer " + accessToken).header("Accept", "application/json").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(current.statusCode()).isEqualTo(200);
        ObjectNode changed = (ObjectNode) JSON.readTree(current.body());
        changed.put("email", "neu.zwei@evil.example");

        var update = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(accountUrl))
                .header("Authorization", "Bearer " + accessToken).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(changed.toString())).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(update.statusCode()).as("account API refuses: %s", update.body()).isEqualTo(400);
        UserRepresentation stored = federation.admin().realm("dvc").users().search("bund-bmi.", 0, 1000).stream()
                .filter(u -> "neu.zwei@bmi.bund.example".equals(u.getEmail())).findFirst().orElseThrow();
        assertThat(stored.getEmail()).isEqualTo("neu.zwei@bmi.bund.example");
        assertThat(login("demo-service", DemoFederation.DEMO_CLIENT_SECRET, "bund-bmi", "neu.zwei").idToken().at("/email").asText())
                .isEqualTo("neu.zwei@bmi.bund.example");
    }

    @Test
    void accessPoliciesRefuseWithTheReasonAndWhomToAsk() throws Exception {
        assertRefused("berlin-senfin", "anna.schmidt", "federal-only", "it-service@bund.example", "policy_level");
        assertRefused("bund-bmi", "jonas.weber", "haushalt-only", "Rolle", "policy_role");
        assertRefused("bund-bmi", "jonas.weber", "berlin-only", "Landes", "policy_state");
        assertRefused("bund-bmi", "jonas.weber", "broken-policy", "Zugangsregeln", "service_misconfigured");

        assertThat(login("federal-only", SECRET, "bund-bmi", "jonas.weber").idToken().at("/agency/level").asText()).isEqualTo("federal");
        assertThat(login("haushalt-only", SECRET, "berlin-senfin", "anna.schmidt").idToken().at("/agency/id").asText()).isEqualTo("berlin-senfin");
    }

    @Test
    void singleSignOnStillAppliesTheNextServicesPolicy() throws Exception {
        BrokeredLogin browser = browser("demo-service");
        browser.redeem(browser.login("berlin-senfin", "anna.schmidt", "demo", Map.of()), DemoFederation.DEMO_CLIENT_SECRET);

        Outcome sso = browser.again(Map.of());
        assertThat(sso.succeeded()).as("SSO at the demo service").isTrue();

        LoginRequest same = reuse(browser, "federal-only");
        Outcome refused = new BrokeredLogin(same, federation.serverUrl()).follow(same.start(Map.of()), "");
        assertThat(refused.succeeded()).as("no code for a service the policy closes").isFalse();
        assertThat(refused.status()).isEqualTo(403);
        assertThat(text(refused.body())).contains("it-service@bund.example");
    }

    @Test
    void assuranceNeverExceedsTheIdpsMaximumAndServicesGetStepUpOrRefusal() throws Exception {
        // SenFin's SAML IdP reports "unspecified" (normal) and is registered up to substantiell: no token for a substantiell service.
        assertRefused("berlin-senfin", "anna.schmidt", "substantiell", "stärkeren Verfahren", "policy_assurance");
        // BMI is registered for normal only: refused before the trip to the IdP.
        Outcome hoch = browser("hoch").login("bund-bmi", "jonas.weber", "demo", Map.of());
        assertThat(hoch.succeeded()).isFalse();
        assertThat(text(hoch.body())).contains("nur bis normal");
        // A service asking with acr_values gets the same treatment as a policy minimum.
        Outcome asked = browser("demo-service").login("berlin-senfin", "anna.schmidt", "demo",
                Map.of("acr_values", "http://eidas.europa.eu/LoA/substantial"));
        assertThat(asked.succeeded()).isFalse();
    }

    @Test
    void stepUpSendsTheUserBackToTheHomeIdpAskingForItsOwnAcrValue() throws Exception {
        BrokeredLogin browser = browser("demo-service");
        browser.redeem(browser.login("it-zweifach-oidc", "tina.test", "demo", Map.of()), DemoFederation.DEMO_CLIENT_SECRET);

        LoginRequest same = reuse(browser, "substantiell");
        var response = same.start(Map.of());
        Outcome stepUp = new BrokeredLogin(same, federation.serverUrl()).follow(response, "");

        assertThat(stepUp.succeeded()).as("no token at the session's normal level").isFalse();
        assertThat(stepUp.lastUrl()).contains("/realms/agency-it-zweifach-oidc/")
                .contains("acr_values=urn%3Azweifach%3Aloa%3Asmartcard");
    }

    @Test
    void disablingAnAgencyEndsItsUsersSessionsAtOnce() throws Exception {
        BrokeredLogin browser = browser("demo-service");
        JsonNode tokens = browser.tokenResponse(browser.login(ABGESCHALTET_OIDC.idpAlias(), "paul.pause", "demo", Map.of()),
                DemoFederation.DEMO_CLIENT_SECRET);
        assertThat(refresh(tokens.get("refresh_token").asText()).statusCode()).isEqualTo(200);

        var organizations = federation.admin().realm("dvc").organizations();
        var agency = organizations.search("Abgeschaltet", false, 0, 10).stream().filter(o -> ABGESCHALTET.id().equals(o.getAlias()))
                .findFirst().orElseThrow();
        agency.setEnabled(false);
        organizations.get(agency.getId()).update(agency).close();

        var refused = refresh(tokens.get("refresh_token").asText());
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("invalid_grant");
    }

    private java.net.http.HttpResponse<String> refresh(String refreshToken) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        federation.serverUrl() + "/realms/dvc/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&client_id=" + DemoFederation.DEMO_CLIENT_ID
                        + "&client_secret=" + DemoFederation.DEMO_CLIENT_SECRET + "&refresh_token=" + refreshToken)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void accountLinkingIsRefused() throws Exception {
        BrokeredLogin browser = browser("demo-service");
        Outcome jonas = browser.login("bund-bmi", "jonas.weber", "demo", Map.of());
        JsonNode idToken = browser.redeem(jonas, DemoFederation.DEMO_CLIENT_SECRET).idToken();
        String nonce = java.util.UUID.randomUUID().toString();
        String hash = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(java.security.MessageDigest.getInstance("SHA-256")
                .digest((nonce + idToken.at("/sid").asText() + "demo-service" + "berlin-senfin").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        String link = federation.serverUrl() + "/realms/dvc/broker/berlin-senfin/link?client_id=demo-service&redirect_uri="
                + java.net.URLEncoder.encode(browser.request().redirectUri(), java.nio.charset.StandardCharsets.UTF_8)
                + "&nonce=" + nonce + "&hash=" + hash;

        Outcome linked = browser.loginFrom(browser.request().get(link), link, "anna.schmidt", "demo");

        assertThat(linked.succeeded()).as("no link: %s", linked.body()).isFalse();
        UserRepresentation user = federation.admin().realm("dvc").users().search("bund-bmi.", 0, 1000).stream()
                .filter(u -> "jonas.weber@bmi.bund.example".equals(u.getEmail())).findFirst().orElseThrow();
        assertThat(federation.admin().realm("dvc").users().get(user.getId()).getFederatedIdentity()).extracting(f -> f.getIdentityProvider())
                .containsExactly("bund-bmi");
    }

    @Test
    void anIssuerWithNewlinesCannotForgeALogLineOrAnAuditEvent() throws Exception {
        String marker = "forged-" + java.util.UUID.randomUUID();
        String issuer = "https://evil.example\n2026-11-30 10:00:00,000 INFO [dvc.audit] {\"type\":\"login\",\"marker\":\"" + marker
                + "\"}\n{\"loggerName\":\"dvc.audit\",\"message\":\"" + marker + "\"}";
        String endpoint = federation.serverUrl() + "/realms/dvc/broker/berlin-senfin/endpoint";
        String response = "<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\""
                + " ID=\"_" + marker + "\" Version=\"2.0\" IssueInstant=\"" + java.time.Instant.now() + "\" Destination=\"" + endpoint + "\">"
                + "<saml:Issuer>" + issuer.replace("&", "&amp;").replace("<", "&lt;") + "</saml:Issuer>"
                + "<samlp:Status><samlp:StatusCode Value=\"urn:oasis:names:tc:SAML:2.0:status:Success\"/></samlp:Status></samlp:Response>";
        java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(endpoint)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("SAMLResponse=" + java.net.URLEncoder.encode(
                        java.util.Base64.getEncoder().encodeToString(response.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                        java.nio.charset.StandardCharsets.UTF_8))).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as("refused").isGreaterThanOrEqualTo(400);
        assertThat(answer.body()).doesNotContain(marker, "Exception");
        Thread.sleep(500); // the log is written asynchronously to the request's end

        assertThat(ServerLog.plainLines(federation.serverLog())).as("no line outside a JSON record").noneMatch(l -> l.contains(marker));
        assertThat(auditLines()).as("no forged audit event").noneMatch(l -> l.contains(marker));
    }

    @Test
    void auditLinesAreJsonWithPseudonymsAndNoPersonalData() throws Exception {
        login("demo-service", DemoFederation.DEMO_CLIENT_SECRET, "bund-bmi", "jonas.weber");
        assertRefused("berlin-senfin", "anna.schmidt", "federal-only", "it-service@bund.example", "policy_level");

        List<String> audit = auditLines();
        assertThat(audit).anySatisfy(line -> assertThat(line).contains("\"type\":\"login\"", "\"agency\":\"bund-bmi\"",
                "\"service\":\"demo-service\"", "\"acr\":\"normal\"").containsPattern("\"user\":\"p-[0-9a-f]{32}\""));
        assertThat(audit).anySatisfy(line -> assertThat(line).contains("\"type\":\"refusal\"", "\"reason\":\"policy_level\"",
                "\"service\":\"federal-only\""));
        assertThat(String.join("\n", audit)).doesNotContain("@", "jonas", "anna", "eyJ");
    }

    /** The same cookies (SSO), as another client. */
    private LoginRequest reuse(BrokeredLogin browser, String clientId) {
        return browser.request().as(clientId);
    }

    private void assertRefused(String idp, String user, String clientId, String pageText, String reason) throws Exception {
        long usersBefore = federation.admin().realm("dvc").users().count();
        long auditBefore = auditLines().size();
        BrokeredLogin browser = browser(clientId);

        Outcome outcome = browser.login(idp, user, "demo", Map.of());

        assertThat(outcome.succeeded()).as("refused, no code for the service").isFalse();
        assertThat(outcome.status()).isEqualTo(403);
        assertThat(text(outcome.body())).contains(pageText).doesNotContain("Exception")
                .as("a refusal, not a technical error").contains("Anmeldung nicht möglich").doesNotContain("Fehler aufgetreten");
        assertThat(browser.request().cookies().hasSessionCookie()).as("no SSO session").isFalse();
        List<String> audit = awaitAudit((int) auditBefore, "\"reason\":\"" + reason + "\"");
        assertThat(audit.subList((int) auditBefore, audit.size())).anySatisfy(line -> assertThat(line).contains("\"reason\":\"" + reason + "\""));
        assertThat(federation.admin().realm("dvc").users().count()).as("no user or link created").isEqualTo(usersBefore);
    }

    /** The page with numeric character references (FreeMarker writes @ and = as &#64; and &#61;) decoded. */
    private static String text(String html) {
        java.util.regex.Matcher entity = java.util.regex.Pattern.compile("&#(\\d+);").matcher(html);
        StringBuilder out = new StringBuilder();
        while (entity.find()) {
            entity.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(
                    String.valueOf((char) Integer.parseInt(entity.group(1)))));
        }
        return entity.appendTail(out).toString();
    }

    private List<String> auditLines() throws Exception {
        return ServerLog.audit(federation.serverLog());
    }

    /** The audit lines once one after the first {@code from} contains {@code fragment} (lines are written after the transaction ends); at most 5 s. */
    private List<String> awaitAudit(int from, String fragment) throws Exception {
        List<String> lines = auditLines();
        for (int i = 0; i < 50 && lines.subList(Math.min(from, lines.size()), lines.size()).stream().noneMatch(l -> l.contains(fragment)); i++) {
            Thread.sleep(100);
            lines = auditLines();
        }
        return lines;
    }

    private AgencyIdpUsers agencyUsers(DemoAgency agency) {
        return new AgencyIdpUsers(federation.admin(), agency);
    }

    private static Schema schema() throws Exception {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(Files.readString(Path.of(System.getProperty("claims.schema"))), InputFormat.JSON);
    }
}
