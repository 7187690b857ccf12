package de.dvc.iam.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's Chromium and ChromeDriver, headless, with a fresh profile: a new browser has no cookies,
 * so each test starts a clean first login. Never downloads a browser or driver.
 */
final class Chromium {

    private Chromium() {
    }

    static ChromeDriver start(String language) {
        return start(language, true);
    }

    static ChromeDriver start(String language, boolean javascript) {
        return start(language, javascript, null);
    }

    /**
     * As {@link #start(String, boolean)}, and the browser accepts the one test certificate {@code trusted} (PEM), by its
     * public key (Chromium's {@code --ignore-certificate-errors-spki-list}, honoured with a user data directory): the
     * agencies' web server in the tests, which a user's browser would reach under a publicly trusted certificate.
     */
    static ChromeDriver start(String language, boolean javascript, Path trusted) {
        File chromedriver = new File(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"));
        File chromium = new File(System.getProperty("chromium.binary", "/usr/bin/chromium"));
        if (!chromedriver.canExecute() || !chromium.canExecute()) {
            throw new IllegalStateException("Chromium or ChromeDriver missing (" + chromium + ", " + chromedriver
                    + "): install the Debian packages chromium and chromium-driver (.ci/run does).");
        }
        try {
            Path profile = Files.createTempDirectory("dvc-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(chromium);
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-quic", "--no-first-run", "--disable-sync",
                    "--user-data-dir=" + profile, "--lang=" + language, "--window-size=1280,900");
            if (trusted != null) {
                options.addArguments("--ignore-certificate-errors-spki-list=" + spkiHash(trusted));
            }
            // Keycloak picks the page language from Accept-Language; headless Chromium ignores --lang.
            options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", language,
                    "profile.managed_default_content_settings.javascript", javascript ? 1 : 2));
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(chromedriver).usingAnyFreePort().build();
            return new ChromeDriver(service, options);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot create a Chromium profile directory: " + e.getMessage(), e);
        }
    }

    /**
     * Saves the page as {@code target/screenshots/<name>.png} (the documentation's screenshots are made by the tests:
     * docs/img holds copies).
     */
    static void screenshot(ChromeDriver browser, String name) throws java.io.IOException {
        Path directory = Path.of("target", "screenshots");
        Files.createDirectories(directory);
        Files.write(directory.resolve(name + ".png"), browser.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
    }

    private static String spkiHash(Path pem) {
        try (java.io.InputStream in = Files.newInputStream(pem)) {
            java.security.cert.Certificate certificate = java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in);
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(certificate.getPublicKey().getEncoded());
            return java.util.Base64.getEncoder().encodeToString(digest);
        } catch (java.io.IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read the test certificate " + pem + ": " + e.getMessage(), e);
        }
    }

    private static final int MAX_TABS = 30;

    /** axe-core on the page as it is now: no WCAG 2.1 A/AA violation ({@code state} names the page in the message). */
    static void assertNoAxeViolations(ChromeDriver browser, String state) throws Exception {
        String axe = Files.readString(Path.of(System.getProperty("axe.script")));
        browser.executeScript(axe);
        Object result = browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
                   .then(r => done(JSON.stringify(r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help,
                        nodes: v.nodes.map(n => n.target.join(' ')) })))))
                   .catch(e => done(JSON.stringify([{ id: 'axe-error', help: String(e) }])));
                """);
        JsonNode violations = new ObjectMapper().readTree(String.valueOf(result));
        assertThat(violations).as("%s: WCAG 2.1 A/AA violations found by axe-core: %s", state, violations).isEmpty();
    }

    /** Presses Tab until {@code target} has the focus: the page must be operable by keyboard alone. */
    static void tabTo(ChromeDriver browser, WebElement wanted, By target) {
        List<String> visited = new ArrayList<>();
        for (int i = 0; i < MAX_TABS; i++) {
            WebElement active = browser.switchTo().activeElement();
            if (active.equals(wanted)) {
                return;
            }
            visited.add(active.getTagName() + "#" + active.getAttribute("id"));
            // The keyboard, not the element: sendKeys on a file input would name a file to upload.
            new org.openqa.selenium.interactions.Actions(browser).sendKeys(Keys.TAB).perform();
        }
        throw new AssertionError("Could not reach " + target + " with " + MAX_TABS + " Tab presses; focus went " + visited);
    }
}
