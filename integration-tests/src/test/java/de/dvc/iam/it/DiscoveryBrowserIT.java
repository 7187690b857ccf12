package de.dvc.iam.it;

import de.dvc.iam.it.RunningFederation.Federation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Discovery as a person uses it in Chromium: keyboard only, live search, and WCAG 2.1 A/AA (axe-core). */
@ExtendWith(RunningFederation.class)
class DiscoveryBrowserIT {


    private final Federation federation;
    private ChromeDriver browser;
    private WebDriverWait wait;

    DiscoveryBrowserIT(Federation federation) {
        this.federation = federation;
    }

    private void open(String language) {
        browser = Chromium.start(language);
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get(federation.serviceUrl() + "/claims");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("dvc-search")));
    }

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void keyboardOnlyUserFindsHerMunicipalityByNameWhileTyping() {
        open("de");
        tabTo(By.id("dvc-search"));
        browser.switchTo().activeElement().sendKeys("Flensb");

        WebElement result = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("dvc-idp-gemeinde-01001000")));
        assertThat(result.getText()).contains("Flensburg, Stadt").contains("AGS 01001000");
        assertThat(browser.findElement(By.id("dvc-results-status")).getText()).contains("gefunden");

        tabTo(By.id("dvc-idp-gemeinde-01001000"));
        browser.switchTo().activeElement().sendKeys(Keys.ENTER);

        // the fixture's IdP is a placeholder under .example: reaching its URL proves the redirect
        wait.until(driver -> driver.getCurrentUrl().contains("login.flensburg.sh.example")
                || String.valueOf(((ChromeDriver) driver).executeScript("return document.URL")).contains("login.flensburg.sh.example"));
    }

    @Test
    void keyboardOnlyUserFindsHerMunicipalityByAgsAndLogsInAtARealAgency() {
        open("de");
        tabTo(By.id("dvc-search"));
        browser.switchTo().activeElement().sendKeys("01001000");
        WebElement byAgs = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("dvc-idp-gemeinde-01001000")));
        assertThat(byAgs.getText()).contains("Flensburg");

        browser.switchTo().activeElement().sendKeys(Keys.chord(Keys.CONTROL, "a"), "Finanzen Berlin");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("dvc-idp-berlin-senfin")));
        tabTo(By.id("dvc-idp-berlin-senfin"));
        browser.switchTo().activeElement().sendKeys(Keys.ENTER);

        wait.until(ExpectedConditions.urlContains("/realms/agency-berlin-senfin/"));
    }

    @Test
    void searchWorksWithoutJavaScript() {
        browser = Chromium.start("de", false);
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get(federation.serviceUrl() + "/claims");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("dvc-search"))).sendKeys("Brunsbüttel", Keys.ENTER);

        assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("dvc-idp-gemeinde-01051011"))).getText())
                .contains("Brunsbüttel");
    }

    @ParameterizedTest(name = "discovery page in {0} has no WCAG 2.1 A/AA violation")
    @ValueSource(strings = {"de", "en"})
    void discoveryPagesPassAxe(String language) throws Exception {
        open(language);
        assertNoViolations("empty discovery page");

        browser.findElement(By.id("dvc-search")).sendKeys("Atlantis", Keys.ENTER);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("input-error-dvc-search")));
        assertNoViolations("search without result (error on the field)");

        browser.findElement(By.id("dvc-search")).clear();
        browser.findElement(By.id("dvc-search")).sendKeys("Flensburg", Keys.ENTER);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("dvc-idp-gemeinde-01001000")));
        assertNoViolations("search results");

        browser.findElement(By.id("email")).sendKeys("not an email", Keys.ENTER);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("input-error-email")));
        assertNoViolations("invalid email");
    }

    /** A refused login in the browser: DVC's heading (not "an error occurred"), the reason, and no WCAG violation. */
    @ParameterizedTest(name = "refusal page in {0}")
    @ValueSource(strings = {"de", "en"})
    void aRefusedLoginShowsWhyAndPassesAxe(String language) throws Exception {
        // A BMI account whose address is in another agency's domain: domain binding refuses it.
        new de.dvc.iam.demo.AgencyIdpUsers(federation.admin(), de.dvc.iam.demo.DemoAgencies.BUND_BMI).ensure(
                new de.dvc.iam.demo.DemoAgencies.DemoUser("browser.mallory", "browser.mallory@senfin.berlin.example", "Mal", "Lory",
                        "demo", "X", List.of()));
        open(language);
        browser.findElement(By.id("email")).sendKeys("browser.mallory@bmi.bund.example", Keys.ENTER);
        wait.until(ExpectedConditions.urlContains("/realms/agency-bund-bmi/"));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("username"))).sendKeys("browser.mallory");
        browser.findElement(By.id("password")).sendKeys("demo");
        browser.findElement(By.id("kc-login")).click();

        WebElement message = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("kc-error-message")));
        assertThat(message.getText()).contains("senfin.berlin.example");
        assertThat(browser.findElement(By.id("kc-page-title")).getText())
                .isEqualTo(language.equals("de") ? "Anmeldung nicht möglich" : "Sign-in not possible");
        assertNoViolations("refusal page");
    }

    private void assertNoViolations(String state) throws Exception {
        Chromium.assertNoAxeViolations(browser, state);
    }

    /** Presses Tab until {@code target} has the focus: the page must be operable by keyboard alone. */
    private void tabTo(By target) {
        Chromium.tabTo(browser, wait.until(ExpectedConditions.presenceOfElementLocated(target)), target);
    }
}
