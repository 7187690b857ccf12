package de.dvc.iam.it;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

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
}
