package de.dvc.iam.agency.oidc;

import org.springframework.http.MediaType;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The agency's login form ({@code GET /login}; Spring Security's form login takes the {@code POST}). Its own page
 * rather than Spring Security's generated one, so that the form posts to the absolute URL behind the front end and
 * carries an id ({@value #FORM_ID}) and the CSRF token as a plain hidden field that a browser-less test client can
 * fill in. German, as the agency's staff read it.
 */
@RestController
final class LoginPage {

    /** The id of the login form, for test clients. */
    static final String FORM_ID = "agency-login";

    private final AgencyOidcSettings settings;

    LoginPage(AgencyOidcSettings settings) {
        this.settings = settings;
    }

    @GetMapping(path = "/login", produces = MediaType.TEXT_HTML_VALUE + ";charset=UTF-8")
    @ResponseBody
    String page(CsrfToken csrf, @RequestParam(name = "error", required = false) String error) {
        return render(settings.agencyName(), settings.issuerText() + "/login", csrf.getParameterName(), csrf.getToken(),
                error != null);
    }

    static String render(String agencyName, String action, String csrfName, String csrfToken, boolean failed) {
        String agency = HtmlUtils.htmlEscape(agencyName);
        String message = failed ? """
                <p id="login-error" role="alert">E-Mail-Adresse oder Passwort ist falsch.</p>
                """ : "";
        return """
                <!DOCTYPE html>
                <html lang="de">
                <head><meta charset="utf-8"><title>Anmeldung – %1$s</title>
                <meta name="viewport" content="width=device-width, initial-scale=1"></head>
                <body>
                <main>
                <h1>%1$s</h1>
                <p>Anmeldung für Beschäftigte</p>
                %2$s<form id="%3$s" method="post" action="%4$s">
                <input type="hidden" name="%5$s" value="%6$s">
                <p><label for="username">E-Mail-Adresse</label><br>
                <input id="username" name="username" type="email" autocomplete="username" required autofocus></p>
                <p><label for="password">Passwort</label><br>
                <input id="password" name="password" type="password" autocomplete="current-password" required></p>
                <p><button id="login" type="submit">Anmelden</button></p>
                </form>
                </main>
                </body>
                </html>
                """.formatted(agency, message, FORM_ID, HtmlUtils.htmlEscape(action), HtmlUtils.htmlEscape(csrfName),
                HtmlUtils.htmlEscape(csrfToken));
    }
}
