package de.dvc.iam.it;

import de.dvc.iam.it.RunningFederation.Federation;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.dvc.iam.demo.client.LoginRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agency-admin portal the server serves (/realms/dvc/dvc-portal/) in Chromium: the demo's BMI agency admin signs
 * in through discovery and her agency's IdP (authorization code + PKCE of client dvc-agency-portal), sees her agency,
 * invites by keyboard (a wrong address is marked at its field and nothing is created), lists her IdPs, opens one, and
 * submits the registration form wrongly twice (missing fields; an issuer at an internal address): each error at its
 * field, nothing stored. An operator creates an agency, invites, and opens the queue and a registration. Every page and
 * state is checked with axe-core (WCAG 2.1 A/AA) in German and English.
 */
@ExtendWith(RunningFederation.class)
class PortalBrowserIT {

    private final Federation federation;
    private ChromeDriver browser;
    private WebDriverWait wait;

    PortalBrowserIT(Federation federation) {
        this.federation = federation;
    }

    /** One registration of the BMI's own, so both the admin's and the operator's lists have a registration to open. */
    @BeforeAll
    static void aRegistration(Federation federation) throws Exception {
        String token = ApiTokens.deviceGrant(federation.serverUrl(), federation.serviceUrl(), "jonas.weber@bmi.bund.example", "jonas.weber");
        String descriptor = new LoginRequest(federation.serverUrl(), federation.serviceUrl())
                .get(federation.serverUrl() + "/realms/agency-berlin-senfin/protocol/saml/descriptor").body();
        String body = new ObjectMapper().writeValueAsString(Map.of("agency", "bund-bmi", "alias", "it-portal-bmi-saml", "protocol", "saml",
                "metadataXml", descriptor.replace(federation.serverUrl(), "https://idp.portal.bmi.bund.example"),
                "domains", List.of("portal.bmi.bund.example")));
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(federation.serverUrl() + "/realms/dvc/dvc-registrations")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isIn(201, 409);
    }

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"de", "en"})
    void anAgencyAdminUsesThePortalByKeyboardAndEveryPageIsAccessible(String language) throws Exception {
        browser = Chromium.start(language);
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get(federation.serverUrl() + "/realms/dvc/dvc-portal");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("email"))).sendKeys("jonas.weber@bmi.bund.example", Keys.ENTER);
        wait.until(ExpectedConditions.urlContains("/realms/agency-bund-bmi/"));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("username"))).sendKeys("jonas.weber");
        browser.findElement(By.id("password")).sendKeys("demo", Keys.ENTER);

        WebElement title = wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//h1[contains(., 'Bundesministerium des Innern')]")));
        assertThat(title.getText()).startsWith(language.equals("de") ? "Meine Behörde" : "My agency");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo(language);
        assertThat(browser.getCurrentUrl()).as("no code or state left in the address").doesNotContain("code=");
        Chromium.assertNoAxeViolations(browser, "portal: agency page (" + language + ")");
        Chromium.screenshot(browser, "portal-agency-" + language);

        WebElement email = browser.findElement(By.id("invite-email"));
        Chromium.tabTo(browser, email, By.id("invite-email"));
        browser.switchTo().activeElement().sendKeys("nicht-gueltig");
        browser.switchTo().activeElement().sendKeys(Keys.TAB);
        browser.switchTo().activeElement().sendKeys("Nora Neu", Keys.ENTER);
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("invite-email-error")));
        assertThat(error.getText()).contains("email");
        assertThat(browser.findElement(By.id("invite-email")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.switchTo().activeElement().getAttribute("id")).as("focus on the field in error").isEqualTo("invite-email");
        Chromium.assertNoAxeViolations(browser, "portal: invitation with a field error (" + language + ")");

        browser.get(federation.serverUrl() + "/realms/dvc/dvc-portal/#/registrations");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#view table, #view p")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("title"), language.equals("de") ? "Identitätsprovider" : "Identity providers"));
        Chromium.assertNoAxeViolations(browser, "portal: identity providers (" + language + ")");
        openFirstRegistration();
        Chromium.assertNoAxeViolations(browser, "portal: an agency admin's registration page (" + language + ")");
        Chromium.screenshot(browser, "portal-registration-" + language);

        // New metadata from an internal address: refused at the field by the report, the registration unchanged.
        browser.get(federation.serverUrl() + "/realms/dvc/dvc-portal/#/registration/it-portal-bmi-saml");
        WebElement metadataUrl = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("update-metadata-url")));
        Chromium.tabTo(browser, metadataUrl, By.id("update-metadata-url"));
        browser.switchTo().activeElement().sendKeys("https://127.0.0.1:1/metadata.xml", Keys.ENTER);
        WebElement updateError = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("update-metadata-url-error")));
        assertThat(updateError.getText()).contains("127.0.0.1");
        assertThat(browser.findElement(By.id("status")).getText())
                .isEqualTo(language.equals("de") ? "Die Metadaten haben Fehler; es wurde nichts geändert." : "The metadata has errors; nothing was changed.");
        Chromium.assertNoAxeViolations(browser, "portal: new metadata refused at its field (" + language + ")");
        browser.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("update-metadata-url")));
        assertThat(browser.findElement(By.id("view")).getText()).as("no update in the history").doesNotContain("update-metadata")
                .doesNotContain("127.0.0.1");

        browser.get(federation.serverUrl() + "/realms/dvc/dvc-portal/#/audit");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("title"), language.equals("de") ? "Protokoll" : "Audit trail"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#view table")));
        assertThat(browser.findElement(By.id("view")).getText()).as("her own login is in her agency's trail").contains("login");
        Chromium.assertNoAxeViolations(browser, "portal: audit trail (" + language + ")");

        browser.get(federation.serverUrl() + "/realms/dvc/dvc-portal/#/new");
        WebElement submit = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("register-submit")));
        Chromium.assertNoAxeViolations(browser, "portal: registration form (" + language + ")");
        assertThat(browser.findElement(By.id("reg-issuer")).isDisplayed()).as("OIDC fields hidden while SAML is chosen").isFalse();
        Chromium.tabTo(browser, submit, By.id("register-submit"));
        browser.switchTo().activeElement().sendKeys(Keys.ENTER);
        // Nothing filled in: each missing field is marked, with its fix, and the focus goes to the first.
        WebElement metadataError = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reg-metadata-url-error")));
        assertThat(metadataError.getText()).contains("metadata");
        assertThat(browser.findElement(By.id("reg-domains-error")).getText()).contains("domains");
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("reg-metadata-url");
        assertThat(browser.findElement(By.id("status")).getText())
                .isEqualTo(language.equals("de") ? "Die Angaben sind unvollständig oder fehlerhaft; es wurde nichts geändert." : "The request is incomplete or wrong; nothing was changed.");
        Chromium.assertNoAxeViolations(browser, "portal: registration refused at its fields (" + language + ")");
        Chromium.screenshot(browser, "portal-register-errors-" + language);

        // An OIDC provider whose issuer is an internal address: the report's error is shown at the issuer, nothing stored.
        String alias = "it-portal-internal-" + language;
        WebElement protocol = browser.findElement(By.id("reg-protocol"));
        Chromium.tabTo(browser, protocol, By.id("reg-protocol"));
        browser.switchTo().activeElement().sendKeys("OpenID");
        WebElement issuer = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reg-issuer")));
        Chromium.tabTo(browser, issuer, By.id("reg-issuer"));
        browser.switchTo().activeElement().sendKeys("https://127.0.0.1:1/realms/intern", Keys.TAB);
        browser.switchTo().activeElement().sendKeys("dvc-iam", Keys.TAB);
        browser.switchTo().activeElement().sendKeys("geheim", Keys.TAB);
        browser.switchTo().activeElement().sendKeys("bmi.bund.example", Keys.TAB);
        browser.switchTo().activeElement().sendKeys(alias, Keys.ENTER);
        WebElement issuerError = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reg-issuer-error")));
        assertThat(issuerError.getText()).contains("127.0.0.1");
        assertThat(browser.findElement(By.id("reg-metadata-url-error")).isDisplayed()).as("the earlier errors are gone").isFalse();
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("reg-issuer");
        Chromium.assertNoAxeViolations(browser, "portal: registration refused by its report (" + language + ")");
        assertThat(federation.admin().realm("dvc").identityProviders().findAll()).as("nothing stored")
                .noneMatch(idp -> idp.getAlias().equals(alias));
    }

    /** Opens the first registration of the list on the page, by keyboard, and waits for its page. */
    private void openFirstRegistration() {
        WebElement first = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#view table tbody a")));
        String alias = first.getText();
        Chromium.tabTo(browser, first, By.cssSelector("#view table tbody a"));
        browser.switchTo().activeElement().sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("title"), alias));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#view dl")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"de", "en"})
    void anOperatorCreatesAnAgencyAndInvitesItsContactInThePortal(String language) throws Exception {
        new de.dvc.iam.demo.AgencyIdpUsers(federation.admin(), de.dvc.iam.demo.DemoAgencies.BUND_BMI).ensure(de.dvc.iam.demo.DemoAgencies.DEMO_OPERATOR);
        browser = Chromium.start(language);
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get(federation.serverUrl() + "/realms/dvc/dvc-portal/#/agencies/new");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("email"))).sendKeys("petra.betrieb@bmi.bund.example", Keys.ENTER);
        wait.until(ExpectedConditions.urlContains("/realms/agency-bund-bmi/"));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("username"))).sendKeys("petra.betrieb");
        browser.findElement(By.id("password")).sendKeys("demo", Keys.ENTER);
        WebElement id = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("agency-id")));
        Chromium.assertNoAxeViolations(browser, "portal: create an agency (" + language + ")");

        String agency = "it-portal-" + language;
        Chromium.tabTo(browser, id, By.id("agency-id"));
        for (String value : new String[] {agency, "Gemeinde Portaltest " + language}) {
            browser.switchTo().activeElement().sendKeys(value, Keys.TAB);
        }
        browser.switchTo().activeElement().sendKeys(Keys.TAB); // level: municipal
        browser.switchTo().activeElement().sendKeys("DE-BY", Keys.TAB);
        browser.switchTo().activeElement().sendKeys("12", Keys.TAB);
        browser.switchTo().activeElement().sendKeys("Paula Portal", Keys.TAB);
        browser.switchTo().activeElement().sendKeys("paula@portaltest.example", Keys.ENTER);
        WebElement agsError = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("agency-ags-error")));
        assertThat(agsError.getText()).contains("8 digits");
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("agency-ags");
        Chromium.assertNoAxeViolations(browser, "portal: agency with a field error (" + language + ")");
        assertThat(federation.admin().realm("dvc").organizations().search("Gemeinde Portaltest " + language, true, 0, 1))
                .as("nothing created").isEmpty();

        WebElement ags = browser.switchTo().activeElement();
        ags.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        ags.sendKeys("09162000", Keys.ENTER);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("invite-email")));
        assertThat(browser.getCurrentUrl()).endsWith("#/agency/" + agency);
        WebElement email = browser.findElement(By.id("invite-email"));
        Chromium.tabTo(browser, email, By.id("invite-email"));
        browser.switchTo().activeElement().sendKeys("paula@portaltest.example", Keys.TAB);
        browser.switchTo().activeElement().sendKeys("Paula Portal", Keys.ENTER);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "/realms/dvc/dvc-agencies/invitation?code="));
        assertThat(browser.findElement(By.id("view")).getText()).contains("paula@portaltest.example").contains("pending");
        Chromium.assertNoAxeViolations(browser, "portal: agency with its invitation (" + language + ")");

        // The operator's other pages: the approvals queue, all identity providers, one registration with its actions.
        browser.get(federation.serverUrl() + "/realms/dvc/dvc-portal/#/queue");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("title"), language.equals("de") ? "Wartet auf Freigabe" : "Waiting for approval"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#view table, #view p")));
        Chromium.assertNoAxeViolations(browser, "portal: approvals queue (" + language + ")");
        Chromium.screenshot(browser, "portal-queue-" + language);
        browser.get(federation.serverUrl() + "/realms/dvc/dvc-portal/#/registrations");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("title"), language.equals("de") ? "Identitätsprovider" : "Identity providers"));
        openFirstRegistration();
        Chromium.assertNoAxeViolations(browser, "portal: the operator's registration page (" + language + ")");
    }

    @ParameterizedTest
    @ValueSource(strings = {"en"})
    void thePortalWorksAt320PixelsWidth(String language) throws Exception {
        browser = Chromium.start(language);
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(320, 800));
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get(federation.serverUrl() + "/realms/dvc/dvc-portal/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("email"))).sendKeys("jonas.weber@bmi.bund.example", Keys.ENTER);
        wait.until(ExpectedConditions.urlContains("/realms/agency-bund-bmi/"));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("username"))).sendKeys("jonas.weber");
        browser.findElement(By.id("password")).sendKeys("demo", Keys.ENTER);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("invite-email")));
        Object overflow = browser.executeScript("return document.documentElement.scrollWidth > window.innerWidth + 1");
        assertThat(overflow).as("no horizontal scrolling of the page at 320 px").isEqualTo(false);
        Chromium.assertNoAxeViolations(browser, "portal at 320 px");
    }
}
