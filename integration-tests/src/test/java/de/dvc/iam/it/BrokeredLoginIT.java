package de.dvc.iam.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.dvc.iam.it.RunningFederation.Federation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The brokered login a civil servant does, in a real browser: demo service → realm dvc → her
 * agency's own IdP (SAML or OIDC) → back at the demo service with the DVC claims.
 */
@ExtendWith(RunningFederation.class)
class BrokeredLoginIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Federation federation;
    private ChromeDriver browser;
    private WebDriverWait wait;

    BrokeredLoginIT(Federation federation) {
        this.federation = federation;
    }

    @BeforeEach
    void openBrowser() {
        browser = Chromium.start("de");
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    @AfterEach
    void closeBrowser() {
        browser.quit();
    }

    @Test
    void samlAgencyUserLogsInByChoosingHerAgency() throws Exception {
        browser.get(federation.serviceUrl() + "/");
        browser.findElement(By.id("login")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("dvc-search"))).sendKeys("Finanzen Berlin");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("dvc-idp-berlin-senfin"))).click();

        loginAtAgency("agency-berlin-senfin", "anna.schmidt", "demo");

        JsonNode claims = idTokenClaimsShown();
        assertThat(claims.at("/agency/id").asText()).isEqualTo("berlin-senfin");
        assertThat(claims.at("/agency/name").asText()).isEqualTo("Senatsverwaltung für Finanzen Berlin");
        assertThat(claims.at("/agency/level").asText()).isEqualTo("state");
        assertThat(claims.at("/agency/state").asText()).isEqualTo("DE-BE");
        assertThat(claims.at("/home_idp").asText()).isEqualTo("berlin-senfin");
        assertThat(claims.at("/dvc_contract").asText()).isEqualTo("1.1");
        assertThat(claims.at("/org_unit/name").asText()).isEqualTo("Referat II A - Haushalt");
        assertThat(claims.at("/roles/0/name").asText()).isNotEmpty();
        assertThat(claims.at("/acr").asText()).isEqualTo("http://eidas.europa.eu/LoA/low");
        assertThat(claims.at("/email").asText()).isEqualTo("anna.schmidt@senfin.berlin.example");
        assertThat(claims.at("/given_name").asText()).isEqualTo("Anna");
        assertThat(userinfoShown().at("/agency/id").asText()).isEqualTo("berlin-senfin");
    }

    @Test
    void oidcAgencyUserIsRoutedByHisEmailDomain() throws Exception {
        browser.get(federation.serviceUrl() + "/claims");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("email"))).sendKeys("jonas.weber@bmi.bund.example");
        browser.findElement(By.id("dvc-continue")).click();

        loginAtAgency("agency-bund-bmi", "jonas.weber", "demo");

        JsonNode claims = idTokenClaimsShown();
        assertThat(claims.at("/agency/id").asText()).isEqualTo("bund-bmi");
        assertThat(claims.at("/agency/level").asText()).isEqualTo("federal");
        assertThat(claims.at("/agency").has("state")).as("a federal agency has no state").isFalse();
        assertThat(claims.at("/home_idp").asText()).isEqualTo("bund-bmi");
        assertThat(claims.at("/family_name").asText()).isEqualTo("Weber");
    }

    @Test
    void serviceNamingTheIdpWithKcIdpHintSkipsDiscovery() throws Exception {
        browser.get(federation.serviceUrl() + "/oauth2/authorization/dvc?idp=bund-bmi");

        loginAtAgency("agency-bund-bmi", "jonas.weber", "demo");

        assertThat(idTokenClaimsShown().at("/home_idp").asText()).isEqualTo("bund-bmi");
    }

    @Test
    void unknownEmailDomainKeepsTheUserOnDiscoveryWithAClearMessage() {
        browser.get(federation.serviceUrl() + "/claims");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("email"))).sendKeys("max@unbekannt.example");
        browser.findElement(By.id("dvc-continue")).click();

        String error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("input-error-email"))).getText();
        assertThat(error).contains("unbekannt.example").contains("keine Behörde registriert");
        assertThat(browser.findElement(By.id("email")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.findElement(By.id("dvc-search")).getAttribute("value"))
                .as("the search is offered, seeded from the domain").isEqualTo("unbekannt");
    }

    @Test
    void discoveryPageIsEnglishForAnEnglishBrowser() {
        browser.quit();
        browser = Chromium.start("en");
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));

        browser.get(federation.serviceUrl() + "/claims");

        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("label[for=email]"))).getText())
                .contains("Work email address");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
    }

    @Test
    void aForgedAgencyChoiceIsRefusedOnThePage() {
        browser.get(federation.serviceUrl() + "/claims");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("dvc-search"))).sendKeys("Innern");
        var button = wait.until(ExpectedConditions.elementToBeClickable(By.id("dvc-idp-bund-bmi")));
        browser.executeScript("arguments[0].value = 'https://evil.example/'", button);
        button.click();

        String error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("input-error-idp"))).getText();
        assertThat(error).contains("nicht (mehr) verfügbar");
        assertThat(browser.getCurrentUrl()).startsWith(federation.serverUrl() + "/realms/dvc/");
    }

    /** The agency's own login page, then straight back to the service: no review or link page between. */
    private void loginAtAgency(String agencyRealm, String username, String password) {
        wait.until(ExpectedConditions.urlContains("/realms/" + agencyRealm + "/"));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("username"))).clear();
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("kc-login")).click();
        wait.until(ExpectedConditions.urlToBe(federation.serviceUrl() + "/claims"));
    }

    private JsonNode idTokenClaimsShown() throws Exception {
        return JSON.readTree(browser.findElement(By.id("id-token-claims")).getText());
    }

    private JsonNode userinfoShown() throws Exception {
        return JSON.readTree(browser.findElement(By.id("userinfo-claims")).getText());
    }
}
