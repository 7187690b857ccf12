package de.dvc.iam.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import de.dvc.iam.demo.AgencyOidcProvider;
import de.dvc.iam.demo.DemoAgencies;
import de.dvc.iam.demo.DemoAgencies.DemoUser;
import de.dvc.iam.demo.DemoFederation;
import de.dvc.iam.demo.ServerProcess;
import de.dvc.iam.demo.client.BrokeredLogin;
import de.dvc.iam.demo.client.BrokeredLogin.Outcome;
import de.dvc.iam.demo.client.BrokeredLogin.Tokens;
import de.dvc.iam.demo.client.LoginRequest;
import de.dvc.iam.it.RunningFederation.Federation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.representations.idm.FederatedIdentityRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DVC's OIDC brokering against an agency OpenID provider that is not Keycloak: Spring Authorization Server (module
 * agency-oidc) as Land Beispiel's IdP, a process of its own behind the agency web server (issuer
 * {@code https://127.0.0.2:<port>/land-beispiel}), registered from federation/demo-agency-oidc as the demo registers
 * it. Sara's login ends at the service with the DVC claims; an external contractor's address outside the agency's
 * domain is refused. On the shared test federation: the agency is applied before and removed after this class.
 */
@ExtendWith(RunningFederation.class)
class AgencyOidcLoginIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final DemoUser SARA = DemoAgencies.LAND_BEISPIEL.user();
    /** Sara's {@code sub} in the agency's directory (agency-oidc AgencyStaff): DVC keys her by it, not by her address. */
    private static final String SARA_AGENCY_SUBJECT = "6c1f0e52-93a4-4d7b-b2e8-1f4a7c9d3e05";

    private static AgencyOidcProvider provider;
    private static ServerProcess process;

    private final Federation federation;

    AgencyOidcLoginIT(Federation federation) {
        this.federation = federation;
    }

    @BeforeAll
    static void startSpringAuthorizationServer(Federation federation) throws Exception {
        Path work = Files.createDirectories(Path.of(System.getProperty("dvc.work.dir", "target/it-work")));
        provider = new AgencyOidcProvider(Path.of(System.getProperty("dvc.agency-oidc.jar")),
                Files.createTempDirectory(work, "agency-oidc-"), freePort(), federation.web());
        process = provider.start(federation.serverUrl(), Duration.ofMinutes(2));
        new DemoFederation(federation.admin(), federation.serverUrl(), federation.serviceUrl())
                .apply(Optional.empty(), Optional.of(provider));
        awaitDiscoveryRoutes(federation);
    }

    /** Discovery learns the new agency's domain by the directory's incremental update, within seconds: bounded at 30 s. */
    private static void awaitDiscoveryRoutes(Federation federation) throws Exception {
        for (int i = 0; i < 60; i++) {
            LoginRequest probe = new LoginRequest(federation.serverUrl(), federation.serviceUrl());
            if (LoginRequest.location(probe.start(Map.of("login_hint", SARA.email()))).contains("/broker/land-beispiel/")) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("Discovery did not route " + SARA.email() + " to land-beispiel within 30 s of the apply.");
    }

    @AfterAll
    static void removeLandBeispiel(Federation federation) {
        try {
            // The other classes expect the demo federation as its files describe it: apply deletes what it owns and they lack.
            new DemoFederation(federation.admin(), federation.serverUrl(), federation.serviceUrl()).apply();
        } finally {
            if (process != null) {
                process.close();
            }
        }
    }

    @Test
    void discoveryAdvertisesTheHttpsIssuerWithPathAndItsEndpointsBehindTheFrontEnd() throws Exception {
        LoginRequest request = agencyTrustingRequest();
        JsonNode discovery = JSON.readTree(request.get(provider.issuer() + "/.well-known/openid-configuration").body());

        assertThat(provider.issuer()).startsWith("https://127.0.0.2:").endsWith("/land-beispiel");
        assertThat(discovery.at("/issuer").asText()).isEqualTo(provider.issuer());
        for (String endpoint : List.of("authorization_endpoint", "token_endpoint", "jwks_uri", "userinfo_endpoint")) {
            assertThat(discovery.get(endpoint).asText()).as(endpoint).startsWith(provider.issuer() + "/");
        }
        assertThat(request.get(discovery.get("jwks_uri").asText()).body()).as("JWKS through the front end").contains("\"RSA\"");
        var idp = federation.admin().realm(DemoFederation.REALM).identityProviders().get("land-beispiel").toRepresentation();
        assertThat(idp.getConfig()).containsEntry("issuer", provider.issuer())
                .containsEntry("tokenUrl", provider.issuer() + "/oauth2/token").containsEntry("pkceMethod", "S256");
    }

    @Test
    void saraLogsInThroughSpringAuthorizationServerAndTheServiceGetsTheDvcClaims() throws Exception {
        BrokeredLogin browser = new BrokeredLogin(agencyTrustingRequest(), federation.serverUrl());

        Outcome back = loginAtAgency(browser, SARA.username(), SARA.password());
        Tokens tokens = browser.redeem(back, DemoFederation.DEMO_CLIENT_SECRET);

        JsonNode id = tokens.idToken();
        assertThat(id.at("/dvc_contract").asText()).isEqualTo("1.1");
        assertThat(id.at("/agency/id").asText()).isEqualTo("land-beispiel");
        assertThat(id.at("/agency/name").asText()).isEqualTo("Ministerium des Innern, Land Beispiel");
        assertThat(id.at("/agency/level").asText()).isEqualTo("state");
        assertThat(id.at("/agency/state").asText()).isEqualTo("DE-SL");
        assertThat(id.at("/home_idp").asText()).isEqualTo("land-beispiel");
        assertThat(id.at("/given_name").asText()).isEqualTo("Sara");
        assertThat(id.at("/family_name").asText()).isEqualTo("Yilmaz");
        assertThat(id.at("/email").asText()).isEqualTo("sara.yilmaz@beispiel-land.example");
        assertThat(id.at("/org_unit/name").asText()).isEqualTo(SARA.orgUnit());
        assertThat(id.at("/roles")).extracting(r -> r.get("name").asText()).containsExactlyInAnyOrderElementsOf(SARA.roles());
        assertThat(id.at("/dvc_assurance").asText()).as("the agency's acr, mapped by its table").isEqualTo("normal");
        assertThat(id.at("/acr").asText()).isEqualTo("http://eidas.europa.eu/LoA/low");
        var schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(Files.readString(Path.of(System.getProperty("claims.schema"))), InputFormat.JSON);
        for (JsonNode token : List.of(id, tokens.accessToken(), tokens.userinfo())) {
            assertThat(schema.validate(token.toString(), InputFormat.JSON)).as("schema violations of %s", token).isEmpty();
            assertThat(token.at("/sub").asText()).isEqualTo(id.at("/sub").asText());
        }
        assertThat(id.at("/sub").asText()).as("pairwise, not the agency's subject").isNotEqualTo(SARA_AGENCY_SUBJECT);

        var users = federation.admin().realm(DemoFederation.REALM).users();
        List<UserRepresentation> saras = users.search("land-beispiel.", 0, 100).stream()
                .filter(u -> SARA.username().equals(u.getEmail())).toList();
        assertThat(saras).as("one user keyed by (IdP, subject)").hasSize(1);
        assertThat(users.get(saras.get(0).getId()).getFederatedIdentity()).extracting(FederatedIdentityRepresentation::getUserId)
                .as("the agency's stable sub, not her address").containsExactly(SARA_AGENCY_SUBJECT);
    }

    @Test
    void aContractorsAddressOutsideTheAgencysDomainIsRefusedOnAClearPage() throws Exception {
        DemoUser max = DemoAgencies.LAND_BEISPIEL_CONTRACTOR;
        long usersBefore = federation.admin().realm(DemoFederation.REALM).users().count();
        int auditBefore = ServerLog.audit(federation.serverLog()).size();
        BrokeredLogin browser = new BrokeredLogin(agencyTrustingRequest(), federation.serverUrl());

        Outcome refused = loginAtAgency(browser, max.username(), max.password());

        assertThat(refused.succeeded()).as("refused, no code for the service").isFalse();
        assertThat(refused.status()).isEqualTo(403);
        assertThat(text(refused.body())).contains("Anmeldung nicht möglich").contains("it-dienstleister.example")
                .doesNotContain("Exception").doesNotContain("Fehler aufgetreten");
        assertThat(browser.request().cookies().hasSessionCookie()).as("no SSO session").isFalse();
        assertThat(awaitAudit(auditBefore, "\"reason\":\"domain_binding\"")).as("audited as a domain binding refusal").isTrue();
        assertThat(federation.admin().realm(DemoFederation.REALM).users().count()).as("no user or link created").isEqualTo(usersBefore);
    }

    @Test
    void inABrowserSaraIsRoutedByHerEmailDomainToTheAgencyAndBackToTheDemoService() throws Exception {
        ChromeDriver chromium = Chromium.start("de", true, federation.web().certificate());
        try {
            WebDriverWait wait = new WebDriverWait(chromium, Duration.ofSeconds(30));
            chromium.get(federation.serviceUrl() + "/claims");
            wait.until(ExpectedConditions.elementToBeClickable(By.id("email"))).sendKeys(SARA.email());
            chromium.findElement(By.id("dvc-continue")).click();

            wait.until(ExpectedConditions.urlToBe(provider.issuer() + "/login"));
            wait.until(ExpectedConditions.elementToBeClickable(By.id("username"))).sendKeys(SARA.username());
            chromium.findElement(By.id("password")).sendKeys(SARA.password());
            chromium.findElement(By.id("login")).click();
            wait.until(ExpectedConditions.urlToBe(federation.serviceUrl() + "/claims"));

            JsonNode claims = JSON.readTree(chromium.findElement(By.id("id-token-claims")).getText());
            assertThat(claims.at("/agency/id").asText()).isEqualTo("land-beispiel");
            assertThat(claims.at("/home_idp").asText()).isEqualTo("land-beispiel");
            assertThat(claims.at("/email").asText()).isEqualTo(SARA.email());
        } finally {
            chromium.quit();
        }
    }

    /** A browser-less login at realm dvc that trusts the agency web server's certificate. */
    private LoginRequest agencyTrustingRequest() throws Exception {
        return new LoginRequest(federation.serverUrl(), federation.serviceUrl(), federation.web().clientContext());
    }

    /**
     * Service → realm dvc (kc_idp_hint) → Spring Authorization Server's login form, which is no Keycloak form: filled
     * here with its CSRF token; then on to wherever the login ends.
     */
    private Outcome loginAtAgency(BrokeredLogin browser, String username, String password) throws Exception {
        Outcome atAgency = browser.follow(browser.request().start(Map.of("kc_idp_hint", "land-beispiel")), "");
        assertThat(atAgency.lastUrl()).as("at the agency's login form").isEqualTo(provider.issuer() + "/login");
        assertThat(atAgency.body()).contains("Ministerium des Innern, Land Beispiel");
        Matcher csrf = CSRF.matcher(atAgency.body());
        assertThat(csrf.find()).as("CSRF token on the agency's form").isTrue();
        return browser.follow(browser.submit(atAgency, "agency-login", Map.of("username", username, "password", password,
                "_csrf", csrf.group(1))), atAgency.lastUrl());
    }

    /** Whether an audit line after the first {@code from} contains {@code fragment} (written after the transaction); at most 5 s. */
    private boolean awaitAudit(int from, String fragment) throws Exception {
        for (int i = 0; i < 50; i++) {
            List<String> lines = ServerLog.audit(federation.serverLog());
            if (lines.subList(Math.min(from, lines.size()), lines.size()).stream().anyMatch(l -> l.contains(fragment))) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    /** The page with numeric character references (FreeMarker writes @ and = as &#64; and &#61;) decoded. */
    private static String text(String html) {
        Matcher entity = Pattern.compile("&#(\\d+);").matcher(html);
        StringBuilder out = new StringBuilder();
        while (entity.find()) {
            entity.appendReplacement(out, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(entity.group(1)))));
        }
        return entity.appendTail(out).toString();
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
