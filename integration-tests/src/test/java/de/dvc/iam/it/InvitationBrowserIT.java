package de.dvc.iam.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.dvc.iam.demo.AgencyIdpUsers;
import de.dvc.iam.demo.DemoAgencies;
import de.dvc.iam.demo.DemoAgencies.DemoUser;
import de.dvc.iam.demo.client.DeviceGrant;
import de.dvc.iam.it.RunningFederation.Federation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The invited agency admin's pages in Chromium, keyboard only, in German and English, each state checked with axe-core
 * (WCAG 2.1 A/AA): the invitation form, its field errors, the created account, a used link, and the sign-in that
 * follows (the registration API client's discovery page with the agency-admin button, the password page).
 */
@ExtendWith(RunningFederation.class)
class InvitationBrowserIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AGENCY = "it-beispielstadt";
    private static String operatorToken;

    private final Federation federation;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ChromeDriver browser;
    private WebDriverWait wait;

    InvitationBrowserIT(Federation federation) {
        this.federation = federation;
    }

    @BeforeAll
    static void operator(Federation federation) throws Exception {
        new AgencyIdpUsers(federation.admin(), DemoAgencies.BUND_BMI)
                .ensure(new DemoUser("inv.op", "inv.op@bmi.bund.example", "Inv", "Op", "demo", "X", List.of()));
        operatorToken = DeviceGrant.accessToken(federation.serverUrl(), federation.serviceUrl(), "inv.op@bmi.bund.example", "inv.op");
        ApiTokens.grant(federation.admin().realm("dvc"), "inv.op", "dvc-federation-operator", null);
        JsonNode created = post("", Map.of("id", AGENCY, "name", "Stadt Beispielstadt (Integrationstest)", "level", "municipal",
                "state", "DE-NW", "contacts", List.of(Map.of("name", "Bea Beispiel", "email", "it@beispielstadt.example"))), federation);
        assertThat(created.at("/id").asText()).as(created.toString()).isEqualTo(AGENCY);
    }

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"de", "en"})
    void theInvitedAdminSetsUpHerAccountByKeyboardAndEveryPageIsAccessible(String language) throws Exception {
        String email = "admin-" + language + "@beispielstadt.example";
        String link = post("/" + AGENCY + "/invitations", Map.of("email", email, "name", "Bea Beispiel"), federation).at("/link").asText();
        browser = Chromium.start(language);
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get(link);
        WebElement password = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("password")));
        assertThat(browser.findElement(By.id("kc-page-title")).getText())
                .isEqualTo(language.equals("de") ? "Administrationskonto einrichten" : "Set up your admin account");
        assertThat(browser.findElement(By.id("dvc-invitation-for")).getText()).contains("Bea Beispiel").contains(email);
        Chromium.assertNoAxeViolations(browser, "invitation form (" + language + ")");

        Chromium.tabTo(browser, password, By.id("password"));
        browser.switchTo().activeElement().sendKeys("kurz");
        browser.switchTo().activeElement().sendKeys(Keys.TAB);
        browser.switchTo().activeElement().sendKeys("kurz", Keys.ENTER);
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("input-error-password")));
        assertThat(error.getText()).contains("12");
        assertThat(browser.findElement(By.id("password")).getAttribute("aria-invalid")).isEqualTo("true");
        Chromium.assertNoAxeViolations(browser, "invitation form with a field error (" + language + ")");

        String chosen = "Beispielstadt-Admin-" + language.toUpperCase() + "-2026";
        WebElement again = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("password")));
        Chromium.tabTo(browser, again, By.id("password"));
        browser.switchTo().activeElement().sendKeys(chosen);
        browser.switchTo().activeElement().sendKeys(Keys.TAB);
        browser.switchTo().activeElement().sendKeys(chosen, Keys.ENTER);
        WebElement username = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("dvc-invitation-username")));
        assertThat(username.getText()).isEqualTo(email);
        Chromium.assertNoAxeViolations(browser, "account created (" + language + ")");

        browser.get(link);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("kc-error-message")));
        assertThat(browser.findElement(By.id("kc-page-title")).getText())
                .isEqualTo(language.equals("de") ? "Einladung nicht verwendbar" : "Invitation not usable");
        Chromium.assertNoAxeViolations(browser, "used invitation (" + language + ")");

        // The sign-in: the terminal client's verification page leads to discovery, which offers the agency-admin button.
        JsonNode device = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(federation.serverUrl()
                        + "/realms/dvc/protocol/openid-connect/auth/device")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("client_id=" + DeviceGrant.CLIENT)).build(), HttpResponse.BodyHandlers.ofString()).body());
        browser.get(device.at("/verification_uri_complete").asText());
        WebElement local = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("dvc-local-admin")));
        assertThat(browser.getPageSource()).doesNotContain("try-another-way");
        Chromium.assertNoAxeViolations(browser, "discovery with the agency-admin button (" + language + ")");
        Chromium.tabTo(browser, local, By.id("dvc-local-admin"));
        browser.switchTo().activeElement().sendKeys(Keys.ENTER);
        WebElement user = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        Chromium.tabTo(browser, user, By.id("username"));
        browser.switchTo().activeElement().sendKeys(email);
        browser.switchTo().activeElement().sendKeys(Keys.TAB);
        browser.switchTo().activeElement().sendKeys(chosen, Keys.ENTER);
        // First sign-in: the authenticator app is set up before anything else.
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("kc-totp-settings-form")));
        Chromium.assertNoAxeViolations(browser, "authenticator set-up (" + language + ")");
    }

    private static JsonNode post(String path, Object body, Federation federation) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(federation.serverUrl()
                        + "/realms/dvc/dvc-agencies" + path)).header("Authorization", "Bearer " + operatorToken)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body());
    }
}
