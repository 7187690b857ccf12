package de.dvc.iam.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.dvc.iam.demo.AgencyDirectoryServer;
import de.dvc.iam.demo.AgencyDirectoryServer.Person;
import de.dvc.iam.demo.AgencyIdpUsers;
import de.dvc.iam.demo.DemoAgencies;
import de.dvc.iam.demo.DemoAgencies.DemoUser;
import de.dvc.iam.demo.DemoFederation;
import de.dvc.iam.demo.client.BrokeredLogin;
import de.dvc.iam.demo.client.LoginRequest;
import de.dvc.iam.it.RunningFederation.Federation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.representations.idm.FederatedIdentityRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An agency with only an Active Directory (UnboundID's in-memory directory over LDAPS, AD-like tree) on the shared
 * federation: registered through the registration API (settings checked by field, the report binds, searches the test
 * account and previews its contract), test login, domain proof, approval, then production logins through DVC's own
 * password form, checked by that directory only. Wrong password, a disabled account, a user of a foreign domain, a
 * rename (same objectGUID, same DVC user), and the directory down or hanging mid-connection: a clear page, while
 * another agency's logins go on.
 */
@ExtendWith(RunningFederation.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DirectoryLoginIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AGENCY = "it-musterhausen";
    private static final String ALIAS = "it-musterhausen-ldap";
    private static final String DOMAIN = "musterhausen.example";
    private static final String PAUL = "paul.becker@" + DOMAIN;
    private static AgencyDirectoryServer directory;
    private static String operatorToken;
    private static String secondOperatorToken;

    private final Federation federation;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    DirectoryLoginIT(Federation federation) {
        this.federation = federation;
    }

    @BeforeAll
    static void agencyAndDirectory(Federation federation) throws Exception {
        new AgencyIdpUsers(federation.admin(), DemoAgencies.BUND_BMI).ensure(new DemoUser("dir.op", "dir.op@bmi.bund.example", "Dora",
                "Operator", "demo", "Betrieb", List.of()));
        operatorToken = ApiTokens.deviceGrant(federation.serverUrl(), federation.serviceUrl(), "dir.op@bmi.bund.example", "dir.op");
        ApiTokens.grant(federation.admin().realm("dvc"), "dir.op", "dvc-federation-operator", null);
        new AgencyIdpUsers(federation.admin(), DemoAgencies.BUND_BMI).ensure(new DemoUser("dir.op2", "dir.op2@bmi.bund.example", "Dirk",
                "Zweitprüfer", "demo", "Betrieb", List.of()));
        secondOperatorToken = ApiTokens.deviceGrant(federation.serverUrl(), federation.serviceUrl(), "dir.op2@bmi.bund.example", "dir.op2");
        ApiTokens.grant(federation.admin().realm("dvc"), "dir.op2", "dvc-federation-operator", null);
        // The agency is made by an operator through the product.
        HttpResponse<String> agency = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(federation.serverUrl() + "/realms/dvc/dvc-agencies"))
                .header("Authorization", "Bearer " + operatorToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("id", AGENCY, "name", "Gemeinde Musterhausen (IT)",
                        "level", "municipal", "state", "DE-NI", "contacts", List.of(Map.of("name", "Ines IT", "email", "it@" + DOMAIN))))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(agency.statusCode()).as(agency.body()).isIn(201, 409);
        directory = new AgencyDirectoryServer(federation.web(), DOMAIN, List.of(
                new Person("paul.becker", "Paul", "Becker", "Bauamt", 512, List.of("GG-Bauamt", "GG-Kantine")),
                new Person("anna.aus", "Anna", "Aus", "Kämmerei", 514, List.of()),
                new Person("theo.throttle", "Theo", "Throttle", "Kämmerei", 512, List.of()),
                new Person("eva.extern@it-dienstleister.example", "Eva", "Extern", "IT", 512, List.of())));
    }

    @AfterAll
    static void stopDirectory() {
        if (directory != null) {
            directory.close();
        }
    }

    @Test
    @Order(1)
    void badSettingsAreRefusedAtTheirFieldsAndNothingIsStored() throws Exception {
        Map<String, Object> settings = new LinkedHashMap<>(directory.settings(Map.of()));
        settings.put("url", "ldap://" + "127.0.0.2:" + directory.port());
        settings.put("insecureForTests", true);
        settings.remove("baseDn");
        HttpResponse<String> plain = api("POST", "/dvc-registrations", registration(settings));
        assertThat(plain.statusCode()).as(plain.body()).isEqualTo(400);
        assertThat(JSON.readTree(plain.body()).at("/fields").fieldNames()).toIterable()
                .as("plain LDAP is never the agency's choice").contains("directory.insecureForTests", "directory.baseDn");

        Map<String, Object> vault = new LinkedHashMap<>(directory.settings(Map.of()));
        vault.put("bindSecret", "${vault.smtp-password}");
        HttpResponse<String> vaultRef = api("POST", "/dvc-registrations", registration(vault));
        assertThat(vaultRef.statusCode()).as(vaultRef.body()).isEqualTo(400);
        assertThat(JSON.readTree(vaultRef.body()).at("/fields").fieldNames()).toIterable()
                .as("an agency cannot make DVC send a vault secret to its directory").contains("directory.bindSecret");

        Map<String, Object> wrongSecret = new LinkedHashMap<>(directory.settings(Map.of()));
        wrongSecret.put("bindSecret", "falsch");
        HttpResponse<String> refused = api("POST", "/dvc-registrations", registration(wrongSecret));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(JSON.readTree(refused.body()).at("/fields/directory").asText()).as(refused.body()).isNotBlank();
        assertThat(refused.body()).doesNotContain("falsch");
        assertThat(federation.admin().realm("dvc").identityProviders().findAll()).noneMatch(idp -> idp.getAlias().equals(ALIAS));
    }

    @Test
    @Order(2)
    void aDirectoryGoesThroughTestLoginAndApprovalToProductionLogins() throws Exception {
        HttpResponse<String> created = api("POST", "/dvc-registrations", registration(directory.settings(Map.of("GG-Bauamt", "Sachbearbeitung"))));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode registration = JSON.readTree(created.body());
        assertThat(registration.at("/report/valid").asBoolean()).as(created.body()).isTrue();
        assertThat(registration.at("/state").asText()).isEqualTo("validated");
        assertThat(registration.at("/preview").toString()).as("the test account's contract").contains("Paul", "Bauamt");
        assertThat(created.body()).as("the bind secret is never shown").doesNotContain("dvc-Lesekonto");
        Map<String, String> stored = federation.admin().realm("dvc").identityProviders().get(ALIAS).toRepresentation().getConfig();
        assertThat(stored.toString()).as("nor by Keycloak's admin API").doesNotContain("dvc-Lesekonto");
        assertThat(productionLogin(PAUL, "demo").succeeded()).as("no production login before approval").isFalse();

        // The test login: DVC's own form for this directory, in the sandbox.
        LoginRequest sandbox = new LoginRequest(federation.serverUrl(), federation.serviceUrl());
        String testLogin = registration.at("/testLogin").asText();
        BrokeredLogin.Outcome tested = new BrokeredLogin(sandbox, federation.serverUrl()).loginFrom(sandbox.get(testLogin), testLogin, PAUL, "demo");
        assertThat(tested.status()).as(tested.body()).isEqualTo(200);
        assertThat(tested.body()).contains("Testanmeldung", "given_name: Paul", "org_unit: Bauamt", "roles (1): Sachbearbeitung");

        JsonNode afterTest = JSON.readTree(api("GET", "/dvc-registrations/" + ALIAS, null).body());
        assertThat(afterTest.at("/state").asText()).isEqualTo("tested");
        JsonNode proof = afterTest.at("/domainProofs/0");
        federation.dns().publishTxt(proof.get("txtRecord").asText(), proof.get("txtValue").asText());
        JsonNode proven = JSON.readTree(api("POST", "/dvc-registrations/" + ALIAS + "/domain-proofs", null).body());
        assertThat(proven.at("/checked/0/proven").asBoolean()).as(proven.toString()).isTrue();
        // A second person approves (four eyes).
        HttpResponse<String> approved = api("POST", "/dvc-registrations/" + ALIAS + "/transitions", Map.of("action", "approve"), secondOperatorToken);
        assertThat(JSON.readTree(approved.body()).at("/state").asText()).as(approved.body()).isEqualTo("active");

        BrokeredLogin browser = new BrokeredLogin(new LoginRequest(federation.serverUrl(), federation.serviceUrl()), federation.serverUrl());
        BrokeredLogin.Outcome production = browser.login(ALIAS, PAUL, "demo", Map.of());
        assertThat(production.succeeded()).as(production.body()).isTrue();
        BrokeredLogin.Tokens tokens = browser.redeem(production, DemoFederation.DEMO_CLIENT_SECRET);
        assertThat(tokens.idToken().at("/agency/id").asText()).isEqualTo(AGENCY);
        assertThat(tokens.idToken().at("/email").asText()).isEqualTo(PAUL);
        assertThat(tokens.idToken().at("/given_name").asText()).isEqualTo("Paul");
        assertThat(tokens.idToken().at("/org_unit/name").asText()).isEqualTo("Bauamt");
        assertThat(tokens.idToken().at("/roles").toString()).contains("Sachbearbeitung").doesNotContain("Kantine");
        assertThat(tokens.idToken().at("/dvc_assurance").asText()).as("a password: at most normal").isEqualTo("normal");
        assertThat(tokens.idToken().at("/home_idp").asText()).isEqualTo(ALIAS);

        // Keyed by (directory, objectGUID), never by the address.
        List<FederatedIdentityRepresentation> links = federatedIdentities(PAUL);
        assertThat(links).hasSize(1);
        assertThat(links.get(0).getIdentityProvider()).isEqualTo(ALIAS);
        assertThat(links.get(0).getUserId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}").doesNotContain("paul");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"de", "en"})
    @Order(3)
    void inChromiumDiscoveryLeadsByTheEmailDomainToTheDirectoryFormAndOnToTheService(String language) throws Exception {
        org.openqa.selenium.chrome.ChromeDriver chromium = Chromium.start(language);
        try {
            org.openqa.selenium.support.ui.WebDriverWait wait = new org.openqa.selenium.support.ui.WebDriverWait(chromium, Duration.ofSeconds(30));
            chromium.get(federation.serviceUrl() + "/claims");
            wait.until(org.openqa.selenium.support.ui.ExpectedConditions.elementToBeClickable(org.openqa.selenium.By.id("email")))
                    .sendKeys(PAUL, org.openqa.selenium.Keys.ENTER);
            org.openqa.selenium.WebElement username = wait.until(org.openqa.selenium.support.ui.ExpectedConditions
                    .visibilityOfElementLocated(org.openqa.selenium.By.id("username")));
            assertThat(chromium.getCurrentUrl()).contains("/broker/" + ALIAS + "/endpoint/login");
            assertThat(chromium.findElement(org.openqa.selenium.By.id("kc-page-title")).getText())
                    .contains(language.equals("de") ? "Anmeldung" : "Sign in").contains("Musterhausen");
            Chromium.assertNoAxeViolations(chromium, "directory login form (" + language + ")");
            if (username.getAttribute("value").isEmpty()) {
                username.sendKeys(PAUL);
            }
            chromium.findElement(org.openqa.selenium.By.id("password")).sendKeys("falsch", org.openqa.selenium.Keys.ENTER);
            wait.until(org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated(org.openqa.selenium.By.id("input-error-password")));
            assertThat(chromium.findElement(org.openqa.selenium.By.id("password")).getAttribute("aria-invalid")).isEqualTo("true");
            Chromium.assertNoAxeViolations(chromium, "directory login form with a wrong password (" + language + ")");
            chromium.findElement(org.openqa.selenium.By.id("password")).sendKeys("demo", org.openqa.selenium.Keys.ENTER);
            wait.until(org.openqa.selenium.support.ui.ExpectedConditions.urlToBe(federation.serviceUrl() + "/claims"));
            JsonNode claims = JSON.readTree(chromium.findElement(org.openqa.selenium.By.id("id-token-claims")).getText());
            assertThat(claims.at("/agency/id").asText()).isEqualTo(AGENCY);
            assertThat(claims.at("/home_idp").asText()).isEqualTo(ALIAS);
            assertThat(claims.at("/email").asText()).isEqualTo(PAUL);
            assertThat(claims.at("/roles").toString()).contains("Sachbearbeitung");
        } finally {
            chromium.quit();
        }
    }

    @Test
    @Order(4)
    void wrongPasswordsDisabledAccountsAndForeignDomainsAreRefusedClearly() throws Exception {
        BrokeredLogin.Outcome wrong = productionLogin(PAUL, "falsch");
        assertThat(wrong.succeeded()).isFalse();
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body()).contains("id=\"kc-form-login\"", "Anmeldename oder Passwort sind falsch").doesNotContain("falsch\"");
        BrokeredLogin.Outcome unknown = productionLogin("niemand@" + DOMAIN, "demo");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.body()).as("an unknown user reads like a wrong password").contains("Anmeldename oder Passwort sind falsch");

        BrokeredLogin.Outcome disabled = productionLogin("anna.aus@" + DOMAIN, "demo");
        assertThat(disabled.status()).isEqualTo(403);
        assertThat(disabled.body()).contains("Das Konto ist deaktiviert", "Bitte wenden Sie sich an Ihre IT");
        BrokeredLogin.Outcome disabledWrong = productionLogin("anna.aus@" + DOMAIN, "falsch");
        assertThat(disabledWrong.body()).as("the account state only after the right password").doesNotContain("deaktiviert");

        // Five wrong passwords for a name, and DVC stops asking the directory for it (no lockout through DVC).
        String theo = "theo.throttle@" + DOMAIN;
        for (int i = 0; i < 5; i++) {
            assertThat(productionLogin(theo, "falsch-" + i).status()).isEqualTo(401);
        }
        BrokeredLogin.Outcome throttled = productionLogin(theo, "demo");
        assertThat(throttled.succeeded()).as("the right password, too late").isFalse();
        assertThat(throttled.body()).contains("Anmeldename oder Passwort sind falsch");

        BrokeredLogin.Outcome foreign = productionLogin("eva.extern@it-dienstleister.example", "demo");
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.body()).contains("it-dienstleister.example");
        assertThat(federation.admin().realm("dvc").users().searchByEmail("eva.extern@it-dienstleister.example", true)).isEmpty();
    }

    @Test
    @Order(5)
    void aRenamedAccountStaysTheSameDvcUser() throws Exception {
        String before = federation.admin().realm("dvc").users().searchByEmail(PAUL, true).get(0).getId();
        directory.rename(PAUL, "Paulus");
        BrokeredLogin.Outcome again = productionLogin(PAUL, "demo");
        assertThat(again.succeeded()).as(again.body()).isTrue();
        List<UserRepresentation> users = federation.admin().realm("dvc").users().searchByEmail(PAUL, true);
        assertThat(users).hasSize(1);
        assertThat(users.get(0).getId()).isEqualTo(before);
    }

    @Test
    @Order(6)
    void theBindSecretIsRotatedByTheAgencyWhileWhomTheDirectoryVouchesForStaysTheOperatorsToChange() throws Exception {
        new AgencyIdpUsers(federation.admin(), DemoAgencies.BUND_BMI).ensure(new DemoUser("dir.admin", "dir.admin@bmi.bund.example", "Dana",
                "Admin", "demo", "IT", List.of()));
        String adminToken = ApiTokens.deviceGrant(federation.serverUrl(), federation.serviceUrl(), "dir.admin@bmi.bund.example", "dir.admin");
        ApiTokens.grant(federation.admin().realm("dvc"), "dir.admin", "dvc-agency-admin", AGENCY);

        directory.changeServiceSecret("neu-Lesekonto-2027");
        Map<String, Object> rotated = new LinkedHashMap<>(directory.settings(Map.of("GG-Bauamt", "Sachbearbeitung")));
        rotated.put("bindSecret", "falsch");
        HttpResponse<String> wrong = api("PUT", "/dvc-registrations/" + ALIAS + "/directory", Map.of("directory", rotated), adminToken);
        assertThat(wrong.statusCode()).as(wrong.body()).isEqualTo(422);
        assertThat(JSON.readTree(wrong.body()).at("/fields/directory").asText()).isNotBlank();
        rotated.put("bindSecret", "neu-Lesekonto-2027");
        HttpResponse<String> right = api("PUT", "/dvc-registrations/" + ALIAS + "/directory", Map.of("directory", rotated), adminToken);
        assertThat(right.statusCode()).as(right.body()).isEqualTo(200);
        assertThat(right.body()).doesNotContain("neu-Lesekonto-2027");
        assertThat(JSON.readTree(right.body()).at("/history").toString()).contains("bind secret replaced");
        assertThat(productionLogin(PAUL, "demo").succeeded()).as("logins go on with the new secret").isTrue();

        Map<String, Object> elsewhere = new LinkedHashMap<>(rotated);
        elsewhere.remove("bindSecret");
        elsewhere.put("baseDn", "OU=Gruppen," + directory.usersDn().substring(directory.usersDn().indexOf(',') + 1));
        HttpResponse<String> widened = api("PUT", "/dvc-registrations/" + ALIAS + "/directory", Map.of("directory", elsewhere), adminToken);
        assertThat(widened.statusCode()).as(widened.body()).isEqualTo(409);
        assertThat(JSON.readTree(widened.body()).at("/error").asText()).isEqualTo("directory_change_needs_operator");
        assertThat(widened.body()).contains("baseDn");
    }

    @Test
    @Order(7)
    void aDirectoryThatIsDownOrHangsAffectsOnlyItsOwnAgency() throws Exception {
        int port = directory.port();
        directory.close();
        BrokeredLogin.Outcome down = productionLogin(PAUL, "demo");
        assertThat(down.succeeded()).isFalse();
        assertThat(down.body()).contains("ist gerade nicht erreichbar");

        // A server that accepts the connection and never answers, on the directory's own address.
        List<Socket> held = new ArrayList<>();
        try (ServerSocket hanging = new ServerSocket(port, 50, InetAddress.getByName("127.0.0.2"))) {
            Thread acceptor = new Thread(() -> {
                while (!hanging.isClosed()) {
                    try {
                        held.add(hanging.accept());
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            });
            acceptor.start();
            BrokeredLogin.Outcome hangs = productionLogin(PAUL, "demo");
            assertThat(hangs.succeeded()).isFalse();
            assertThat(hangs.body()).contains("ist gerade nicht erreichbar");
            // Meanwhile another agency's users log in as before.
            BrokeredLogin other = new BrokeredLogin(new LoginRequest(federation.serverUrl(), federation.serviceUrl()), federation.serverUrl());
            assertThat(other.login(DemoAgencies.BUND_BMI.idpAlias(), DemoAgencies.BUND_BMI.user().username(), "demo", Map.of()).succeeded()).isTrue();
            hanging.close();
            acceptor.join(5_000);
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    private Map<String, Object> registration(Map<String, Object> settings) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("agency", AGENCY);
        body.put("alias", ALIAS);
        body.put("protocol", "ldap");
        body.put("directory", settings);
        body.put("testLogin", PAUL);
        body.put("domains", List.of(DOMAIN));
        return body;
    }

    private BrokeredLogin.Outcome productionLogin(String user, String password) throws Exception {
        BrokeredLogin browser = new BrokeredLogin(new LoginRequest(federation.serverUrl(), federation.serviceUrl()), federation.serverUrl());
        return browser.login(ALIAS, user, password, Map.of());
    }

    private List<FederatedIdentityRepresentation> federatedIdentities(String email) {
        String id = federation.admin().realm("dvc").users().searchByEmail(email, true).get(0).getId();
        return federation.admin().realm("dvc").users().get(id).getFederatedIdentity();
    }

    private HttpResponse<String> api(String method, String path, Object body) throws Exception {
        return api(method, path, body, operatorToken);
    }

    private HttpResponse<String> api(String method, String path, Object body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(federation.serverUrl() + "/realms/dvc" + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json").timeout(Duration.ofSeconds(60));
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
