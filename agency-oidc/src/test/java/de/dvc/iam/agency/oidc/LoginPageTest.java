package de.dvc.iam.agency.oidc;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LoginPageTest {

    @Test
    void theFormPostsToTheFrontEndWithItsCsrfToken() {
        String page = LoginPage.render("Ministerium des Innern, Land Beispiel", "https://127.0.0.2:8443/land-beispiel/login",
                "_csrf", "abc-123_x", false);

        assertThat(page).contains("<form id=\"agency-login\" method=\"post\" action=\"https://127.0.0.2:8443/land-beispiel/login\">")
                .contains("<input type=\"hidden\" name=\"_csrf\" value=\"abc-123_x\">")
                .contains("<html lang=\"de\">").doesNotContain("role=\"alert\"");
    }

    @Test
    void aFailedLoginSaysSoAndNamesAreEscaped() {
        String page = LoginPage.render("Amt <b>&</b>", "https://a.example/login?x=1&y=2", "_csrf", "t", true);

        assertThat(page).contains("role=\"alert\"").contains("Amt &lt;b&gt;&amp;&lt;/b&gt;").doesNotContain("<b>")
                .contains("action=\"https://a.example/login?x=1&amp;y=2\"");
    }
}
