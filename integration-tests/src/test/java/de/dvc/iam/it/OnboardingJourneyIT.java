package de.dvc.iam.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import de.dvc.iam.core.agency.Agency;
import de.dvc.iam.core.agency.AgencyLevel;
import de.dvc.iam.demo.AgencyIdpUsers;
import de.dvc.iam.demo.DemoAgencies;
import de.dvc.iam.demo.DemoAgencies.DemoUser;
import de.dvc.iam.demo.DemoFederation;
import de.dvc.iam.demo.client.BrokeredLogin;
import de.dvc.iam.demo.client.DeviceGrant;
import de.dvc.iam.demo.client.LoginRequest;
import de.dvc.iam.it.RunningFederation.Federation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole onboarding journey of a new agency, in headless Chromium and keyboard-operated where a person types: an
 * operator creates the agency and invites its contact in the portal; the mail reaches a real SMTP server; the contact sets her
 * password, signs in to the portal with password and a new authenticator app, registers the agency's SAML IdP (metadata
 * file) and OIDC provider (issuer and client) there, reads the reports, runs both test logins, proves both domains with
 * "check now"; a second person (the operator) approves both in the portal; agency users of both log in at a service
 * with the DVC claims; the agency designates an admin through its own
 * IdP, and that admin retires the bootstrap account in the portal.
 */
@ExtendWith(RunningFederation.class)
class OnboardingJourneyIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AGENCY = "it-journeyheim";
    private static final String DOMAIN = "journeyheim.example";
    private static final String ALIAS = "it-journeyheim-saml";
    private static final String CONTACT = "it@journeyheim.example";
    private static final String PASSWORD = "Journeyheim-Admin-2026";
    private static final DemoUser CLERK = new DemoUser("jana.journey", "jana.journey@" + DOMAIN, "Jana", "Journey", "demo", "Bürgeramt",
            List.of("Sachbearbeitung"));
    private static final String ONLINE_DOMAIN = "journeyheim-online.example";
    private static final String OIDC_ALIAS = AGENCY + "-oidc";
    private static final DemoUser ONLINE_CLERK = new DemoUser("olaf.online", "olaf.online@" + ONLINE_DOMAIN, "Olaf", "Online", "demo",
            "Onlinedienste", List.of("Sachbearbeitung"));
    private static final DemoUser IT_HEAD = new DemoUser("ida.it", "ida.it@" + DOMAIN, "Ida", "IT", "demo", "IT", List.of("dvc-agency-admin"));
    private static GreenMail smtp;
    private static String operatorToken;

    private final Federation federation;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ChromeDriver browser;
    private WebDriverWait wait;

    OnboardingJourneyIT(Federation federation) {
        this.federation = federation;
    }

    @BeforeAll
    static void mailAndOperator(Federation federation) throws Exception {
        smtp = MailSink.startFor(federation);
        new AgencyIdpUsers(federation.admin(), DemoAgencies.BUND_BMI).ensure(DemoAgencies.DEMO_OPERATOR);
        operatorToken = DeviceGrant.accessToken(federation.serverUrl(), federation.serviceUrl(), DemoAgencies.DEMO_OPERATOR.email(),
                DemoAgencies.DEMO_OPERATOR.username());
    }

    @AfterAll
    static void stopMail() {
        if (smtp != null) {
            smtp.stop();
        }
    }

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aNewAgencyGoesFromInvitationToProductionLoginsAndHandsOverToItsOwnAdmins() throws Exception {
        // 1. The operator creates the agency and invites its contact in the portal, by keyboard; the mail arrives.
        browser = Chromium.start("en");
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get(federation.serverUrl() + "/realms/dvc/dvc-portal/#/agencies/new");
        type(By.id("email"), DemoAgencies.DEMO_OPERATOR.email());
        browser.switchTo().activeElement().sendKeys(Keys.ENTER);
        type(By.id("username"), DemoAgencies.DEMO_OPERATOR.username());
        browser.switchTo().activeElement().sendKeys(Keys.TAB);
        browser.switchTo().activeElement().sendKeys("demo", Keys.ENTER);
        type(By.id("agency-id"), AGENCY);
        for (String value : new String[] {"Gemeinde Journeyheim", null, "DE-NI", "", "Ines Leitung", CONTACT}) {
            browser.switchTo().activeElement().sendKeys(Keys.TAB);
            if (value != null && !value.isEmpty()) {
                browser.switchTo().activeElement().sendKeys(value);
            }
        }
        browser.switchTo().activeElement().sendKeys(Keys.ENTER);
        type(By.id("invite-email"), CONTACT);
        browser.switchTo().activeElement().sendKeys(Keys.TAB);
        browser.switchTo().activeElement().sendKeys("Ines Leitung", Keys.ENTER);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "/realms/dvc/dvc-agencies/invitation?code="));
        assertThat(browser.findElement(By.id("title")).getText()).contains("Gemeinde Journeyheim");
        assertThat(browser.findElement(By.id("view")).getText()).contains(CONTACT, "pending");
        browser.quit();
        assertThat(smtp.waitForIncomingEmail(15_000, 1)).isTrue();
        String link = null;
        for (jakarta.mail.internet.MimeMessage mail : smtp.getReceivedMessages()) {
            Matcher found = Pattern.compile("(http\\S+/dvc-agencies/invitation\\?code=[A-Za-z0-9_-]{43})").matcher(MailSink.text(mail));
            if (mail.getAllRecipients()[0].toString().equals(CONTACT) && found.find()) {
                link = found.group(1);
            }
        }
        assertThat(link).as("the invitation mail to " + CONTACT).isNotNull();

        // 2. The contact sets her password on the invitation page. (Her browser reaches the agency's OIDC provider later.)
        browser = Chromium.start("de", true, federation.web().certificate());
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get(link);
        type(By.id("password"), PASSWORD);
        browser.switchTo().activeElement().sendKeys(Keys.TAB);
        browser.switchTo().activeElement().sendKeys(PASSWORD, Keys.ENTER);
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("dvc-invitation-username"))).getText()).isEqualTo(CONTACT);

        // 3. She signs in to the portal: the agency-admin button, password, a new authenticator app.
        browser.get(federation.serverUrl() + "/realms/dvc/dvc-portal/");
        press(By.id("dvc-local-admin"));
        type(By.id("username"), CONTACT);
        browser.switchTo().activeElement().sendKeys(Keys.TAB);
        browser.switchTo().activeElement().sendKeys(PASSWORD, Keys.ENTER);
        String secret = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("totpSecret"))).getAttribute("value");
        type(By.id("totp"), AgencyOnboardingIT.totp(secret, 0));
        browser.switchTo().activeElement().sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("title"), "Gemeinde Journeyheim"));
        // Her session reaches no service: the demo service's login shows discovery, not a logged-in page.
        browser.get(federation.serviceUrl() + "/claims");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("dvc-search")));
        assertThat(browser.getPageSource()).doesNotContain("dvc-local-admin-form");

        // 4. She registers the agency's SAML IdP in the portal (its metadata URL) and reads the report.
        DemoAgencies.DemoAgency idp = new DemoAgencies.DemoAgency(Agency.builder(AGENCY, "Gemeinde Journeyheim", AgencyLevel.MUNICIPAL)
                .state("DE-NI").build(), ALIAS, DOMAIN, DemoAgencies.Protocol.SAML, CLERK, "saml-oid", "normal", "");
        new DemoFederation(federation.admin(), federation.serverUrl(), federation.serviceUrl()).ensureAgencyIdpRealm(idp);
        new AgencyIdpUsers(federation.admin(), idp).ensure(IT_HEAD);
        browser.get(federation.serverUrl() + "/realms/dvc/dvc-portal/#/new");
        // The agency's IdP exports its metadata as a file, which she uploads (the file dialog's choice).
        java.nio.file.Path metadata = java.nio.file.Files.createTempFile("journeyheim-", ".xml");
        java.nio.file.Files.writeString(metadata, new LoginRequest(federation.serverUrl(), federation.serviceUrl())
                .get(federation.serverUrl() + "/realms/" + idp.idpRealm() + "/protocol/saml/descriptor").body());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("reg-metadata-file"))).sendKeys(metadata.toString());
        type(By.id("reg-domains"), DOMAIN);
        press(By.id("register-submit"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("title"), ALIAS));
        assertThat(browser.findElement(By.id("view")).getText()).contains("validated").contains("/broker/" + ALIAS + "/endpoint/descriptor");
        Chromium.assertNoAxeViolations(browser, "portal: a new registration with its report (de)");

        // 4b. And its OIDC provider (issuer and client), reached over HTTPS through the agency's web server.
        DemoAgencies.DemoAgency provider = new DemoAgencies.DemoAgency(idp.agency(), OIDC_ALIAS, ONLINE_DOMAIN,
                DemoAgencies.Protocol.OIDC, ONLINE_CLERK, "oidc", "normal", "");
        String clientSecret = new DemoFederation(federation.admin(), federation.serverUrl(), federation.serviceUrl())
                .ensureAgencyIdpRealmBehind(provider, federation.web().url(""));
        federation.web().proxy("/realms/" + provider.idpRealm() + "/", URI.create("http://127.0.0.1:" + URI.create(federation.serverUrl()).getPort()));
        browser.get(federation.serverUrl() + "/realms/dvc/dvc-portal/#/new");
        type(By.id("reg-protocol"), "OpenID");
        type(By.id("reg-issuer"), federation.web().url("/realms/" + provider.idpRealm()));
        type(By.id("reg-client-id"), "dvc-iam");
        type(By.id("reg-client-secret"), clientSecret);
        type(By.id("reg-domains"), ONLINE_DOMAIN);
        type(By.id("reg-profile"), "oidc");
        press(By.id("register-submit"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("title"), OIDC_ALIAS));
        assertThat(browser.findElement(By.id("view")).getText()).contains("validated").contains("/broker/" + OIDC_ALIAS + "/endpoint");
        new AgencyIdpUsers(federation.admin(), provider).ensure(ONLINE_CLERK);

        // 5. The test logins at the agency's SAML IdP and at its OIDC provider, from the portal's link.
        testLogin(ALIAS, CLERK);
        testLogin(OIDC_ALIAS, ONLINE_CLERK);

        // 6. The domain proofs: the TXT record the portal shows, then "check now".
        proveDomain(ALIAS, DOMAIN);
        Chromium.assertNoAxeViolations(browser, "portal: registration after the domain proof (de)");
        proveDomain(OIDC_ALIAS, ONLINE_DOMAIN);
        browser.quit();

        // 7. A second person, the operator, approves in the portal.
        browser = Chromium.start("en");
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get(federation.serverUrl() + "/realms/dvc/dvc-portal/#/queue");
        type(By.id("email"), DemoAgencies.DEMO_OPERATOR.email());
        browser.switchTo().activeElement().sendKeys(Keys.ENTER);
        type(By.id("username"), DemoAgencies.DEMO_OPERATOR.username());
        browser.switchTo().activeElement().sendKeys(Keys.TAB);
        browser.switchTo().activeElement().sendKeys("demo", Keys.ENTER);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.linkText(ALIAS)));
        assertThat(browser.findElements(By.linkText(OIDC_ALIAS))).as("both registrations wait in the queue").isNotEmpty();
        Chromium.assertNoAxeViolations(browser, "portal: approvals queue (en)");
        press(By.linkText(ALIAS));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("title"), ALIAS));
        Chromium.assertNoAxeViolations(browser, "portal: the operator's view of a tested registration");
        press(By.xpath("//button[normalize-space()='Approve']"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Done."));
        assertThat(browser.findElement(By.id("view")).getText()).contains("active");
        browser.get(federation.serverUrl() + "/realms/dvc/dvc-portal/#/queue");
        press(By.linkText(OIDC_ALIAS));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("title"), OIDC_ALIAS));
        press(By.xpath("//button[normalize-space()='Approve']"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Done."));
        assertThat(browser.findElement(By.id("view")).getText()).contains("active");

        // 8. Production: users of both log in at the demo service and get the DVC claims.
        BrokeredLogin service = new BrokeredLogin(new LoginRequest(federation.serverUrl(), federation.serviceUrl()), federation.serverUrl());
        BrokeredLogin.Outcome production = service.login(ALIAS, CLERK.username(), "demo", Map.of());
        assertThat(production.succeeded()).as(production.body()).isTrue();
        BrokeredLogin.Tokens tokens = service.redeem(production, DemoFederation.DEMO_CLIENT_SECRET);
        assertThat(tokens.idToken().at("/agency/id").asText()).isEqualTo(AGENCY);
        BrokeredLogin online = new BrokeredLogin(new LoginRequest(federation.serverUrl(), federation.serviceUrl(),
                federation.web().clientContext()), federation.serverUrl());
        BrokeredLogin.Outcome viaOidc = online.login(OIDC_ALIAS, ONLINE_CLERK.username(), "demo", Map.of());
        assertThat(viaOidc.succeeded()).as(viaOidc.body()).isTrue();
        BrokeredLogin.Tokens oidcTokens = online.redeem(viaOidc, DemoFederation.DEMO_CLIENT_SECRET);
        assertThat(oidcTokens.idToken().at("/agency/id").asText()).isEqualTo(AGENCY);
        assertThat(oidcTokens.idToken().at("/email").asText()).isEqualTo(ONLINE_CLERK.email());

        // 9. The agency designates its admin through its own IdP; she retires the bootstrap account.
        // Discovery learns the newly active IdP within seconds (the directory's incremental update): a few tries, bounded.
        String designated = null;
        for (int attempt = 0; designated == null && attempt < 10; attempt++) {
            try {
                designated = DeviceGrant.accessToken(federation.serverUrl(), federation.serviceUrl(), IT_HEAD.email(), IT_HEAD.username());
            } catch (AssertionError | IllegalStateException e) {
                Thread.sleep(1_000);
            }
        }
        assertThat(designated).as("a token of the admin the agency's IdP designates").isNotNull();
        JsonNode agency = JSON.readTree(api("GET", "/dvc-agencies/" + AGENCY, designated, null).body());
        assertThat(agency.at("/id").asText()).isEqualTo(AGENCY);

        // She retires the bootstrap account in the portal.
        browser.quit();
        browser = Chromium.start("de");
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get(federation.serverUrl() + "/realms/dvc/dvc-portal/");
        type(By.id("email"), IT_HEAD.email());
        browser.switchTo().activeElement().sendKeys(Keys.ENTER);
        type(By.id("username"), IT_HEAD.username());
        browser.switchTo().activeElement().sendKeys(Keys.TAB);
        browser.switchTo().activeElement().sendKeys("demo", Keys.ENTER);
        press(By.cssSelector("button[aria-label='Stilllegen: " + CONTACT + "']"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Erledigt."));
        assertThat(browser.findElement(By.id("view")).getText()).contains("stillgelegt");
        JsonNode retired = JSON.readTree(api("GET", "/dvc-agencies/" + AGENCY, designated, null).body());
        assertThat(retired.at("/localAdmins/0/enabled").asBoolean()).as("the bootstrap account is retired").isFalse();

        // 10. Later, she requests a change of what the IdP is trusted for in the portal; it waits for a second person,
        // and the operator approves it there.
        browser.get(federation.serverUrl() + "/realms/dvc/dvc-portal/#/registration/" + ALIAS);
        type(By.id("change-assurance"), "substantiell");
        press(By.id("request-change"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("withdraw-change")));
        assertThat(browser.findElement(By.id("view")).getText()).contains("Beantragte Änderung").contains("substantiell");
        Chromium.assertNoAxeViolations(browser, "portal: a requested change (de)");
        browser.quit();

        browser = Chromium.start("en");
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get(federation.serverUrl() + "/realms/dvc/dvc-portal/#/registration/" + ALIAS);
        type(By.id("email"), DemoAgencies.DEMO_OPERATOR.email());
        browser.switchTo().activeElement().sendKeys(Keys.ENTER);
        type(By.id("username"), DemoAgencies.DEMO_OPERATOR.username());
        browser.switchTo().activeElement().sendKeys(Keys.TAB);
        browser.switchTo().activeElement().sendKeys("demo", Keys.ENTER);
        press(By.id("approve-change"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Done."));
        assertThat(browser.findElement(By.id("view")).getText()).doesNotContain("Requested change");
        JsonNode registration = JSON.readTree(api("GET", "/dvc-registrations/" + ALIAS, operatorToken, null).body());
        assertThat(registration.at("/trust/maxAssurance").asText()).isEqualTo("substantiell");
    }

    /** The test login of a registration, from its link in the portal, with the agency's own sign-in page. */
    private void testLogin(String alias, DemoUser user) {
        browser.get(federation.serverUrl() + "/realms/dvc/dvc-portal/#/registration/" + alias);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("title"), alias));
        String testLogin = wait.until(ExpectedConditions.presenceOfElementLocated(By.partialLinkText("Testanmeldung"))).getAttribute("href");
        browser.get(testLogin);
        type(By.id("username"), user.username());
        browser.switchTo().activeElement().sendKeys(Keys.TAB);
        browser.switchTo().activeElement().sendKeys("demo", Keys.ENTER);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("kc-page-title"), "Testanmeldung erfolgreich"));
    }

    /** Publishes the TXT record the registration's page shows and presses "check now": the domain is proven. */
    private void proveDomain(String alias, String domain) {
        browser.get(federation.serverUrl() + "/realms/dvc/dvc-portal/#/registration/" + alias);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("title"), alias));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("check-proofs")));
        List<WebElement> codes = browser.findElements(By.cssSelector("#view table code"));
        federation.dns().publishTxt(codes.get(0).getText(), codes.get(1).getText());
        press(By.id("check-proofs"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), domain + ": "));
        assertThat(browser.findElement(By.id("status")).getText()).contains(domain + ": nachgewiesen");
    }

    private void type(By target, String text) {
        WebElement element = wait.until(ExpectedConditions.visibilityOfElementLocated(target));
        Chromium.tabTo(browser, element, target);
        browser.switchTo().activeElement().sendKeys(text);
    }

    private void press(By target) {
        WebElement element = wait.until(ExpectedConditions.presenceOfElementLocated(target));
        Chromium.tabTo(browser, element, target);
        browser.switchTo().activeElement().sendKeys(Keys.ENTER);
    }

    private HttpResponse<String> api(String method, String path, String token, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(federation.serverUrl() + "/realms/dvc" + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

}
