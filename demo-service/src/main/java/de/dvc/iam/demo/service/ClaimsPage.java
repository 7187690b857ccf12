package de.dvc.iam.demo.service;

import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

import java.util.Map;

import static org.springframework.web.util.HtmlUtils.htmlEscape;

/**
 * Renders the demo pages as plain, accessible HTML (one heading structure, a table with header
 * cells, language declared). Every value from a token is escaped.
 */
@Component
public class ClaimsPage {

    private final ObjectMapper json;

    public ClaimsPage(ObjectMapper json) {
        this.json = json;
    }

    String home(String userName) {
        String body = userName == null
                ? """
                  <p>Melden Sie sich über Ihre Behörde an, um die Angaben zu sehen, die DVC IAM an diesen Dienst übermittelt.</p>
                  <p><a id="login" class="button" href="/claims">Anmelden</a></p>
                  <h2>Direkt zu einer Behörde (kc_idp_hint)</h2>
                  <ul>
                    <li><a id="login-berlin-senfin" href="/oauth2/authorization/dvc?idp=berlin-senfin">Senatsverwaltung für Finanzen Berlin (SAML)</a></li>
                    <li><a id="login-bund-bmi" href="/oauth2/authorization/dvc?idp=bund-bmi">Bundesministerium des Innern (OIDC)</a></li>
                  </ul>
                  """
                : "<p>Angemeldet als " + htmlEscape(userName) + ". <a href=\"/claims\">Angaben ansehen</a></p>";
        return layout("DVC Demo-Fachverfahren", body);
    }

    String claims(Map<String, Object> idToken, Map<String, Object> userInfo, CsrfToken csrf) {
        StringBuilder rows = new StringBuilder();
        idToken.forEach((name, value) -> rows.append("<tr><th scope=\"row\">").append(htmlEscape(name))
                .append("</th><td><code>").append(htmlEscape(toJson(value))).append("</code></td></tr>\n"));
        String body = """
                <p>Diese Angaben hat der Dienst im ID-Token von DVC IAM erhalten.</p>
                <table>
                  <caption>Claims im ID-Token</caption>
                  <thead><tr><th scope="col">Claim</th><th scope="col">Wert</th></tr></thead>
                  <tbody>
                %s  </tbody>
                </table>
                <h2>ID-Token (JSON)</h2>
                <pre id="id-token-claims">%s</pre>
                <h2>Userinfo (JSON)</h2>
                <pre id="userinfo-claims">%s</pre>
                <form method="post" action="/logout"><input type="hidden" name="%s" value="%s"><button type="submit" id="logout">Abmelden</button></form>
                """.formatted(rows, htmlEscape(toJson(idToken)), htmlEscape(toJson(userInfo)),
                htmlEscape(csrf.getParameterName()), htmlEscape(csrf.getToken()));
        return layout("Ihre Identität in der DVC", body);
    }

    private String toJson(Object value) {
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    }

    private static String layout(String title, String body) {
        return """
                <!DOCTYPE html>
                <html lang="de">
                <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%1$s</title>
                <style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
                table{border-collapse:collapse}th,td{border:1px solid #767676;padding:.3rem .6rem;text-align:left;vertical-align:top}
                a.button,button{background:#004b87;color:#fff;padding:.5rem 1rem;text-decoration:none;border:0;font-size:1rem}
                pre{background:#f3f3f3;padding:1rem;overflow:auto}</style></head>
                <body><main><h1>%1$s</h1>
                %2$s</main></body></html>
                """.formatted(htmlEscape(title), body);
    }
}
