package de.dvc.iam.bench;

import de.dvc.iam.demo.client.BrokeredLogin;
import de.dvc.iam.demo.client.LoginRequest;

import java.util.Map;

/**
 * One browser-less login of the directory benchmark each, from the authorization request of client
 * {@value BrokerBenchmark#CLIENT} to where it ends: in realm dvc through an agency directory (discovery skipped with
 * {@code kc_idp_hint}, as {@link BrokeredLogin#login} starts it, then DVC's password form), or in a stock realm through
 * its username/password form. Each returns null when the login ended as that kind expects, else what happened instead.
 * A new browser (cookie jar) per login. Thread-safe.
 */
final class DirectoryLogins {

    private final String serverUrl;
    private final String serviceUrl;

    DirectoryLogins(String serverUrl, String serviceUrl) {
        this.serverUrl = serverUrl;
        this.serviceUrl = serviceUrl;
    }

    /** A DVC directory login that must end at the service with a code. */
    String dvc(String alias, String username, String password) throws Exception {
        BrokeredLogin.Outcome outcome = dvcBrowser().login(alias, username, password, Map.of());
        return outcome.succeeded() ? null : describe(outcome);
    }

    /** A DVC directory login of someone the directory does not know: DVC's form again, HTTP 401. */
    String dvcUnknown(String alias, String username, String password) throws Exception {
        BrokeredLogin.Outcome outcome = dvcBrowser().login(alias, username, password, Map.of());
        return !outcome.succeeded() && outcome.status() == 401 && outcome.body().contains("id=\"kc-form-login\"") ? null : describe(outcome);
    }

    /** A DVC directory login whose directory does not answer: the page saying so (German, the realm's default). */
    String dvcUnavailable(String alias, String username, String password) throws Exception {
        BrokeredLogin.Outcome outcome = dvcBrowser().login(alias, username, password, Map.of());
        return !outcome.succeeded() && outcome.body().contains("nicht erreichbar") ? null : describe(outcome);
    }

    /** A stock login that must end at the service with a code. */
    String stock(String realm, String username, String password) throws Exception {
        BrokeredLogin.Outcome outcome = stockOutcome(realm, username, password);
        return outcome.succeeded() ? null : describe(outcome);
    }

    /** A stock login of someone no provider knows: the login form again. */
    String stockUnknown(String realm, String username, String password) throws Exception {
        BrokeredLogin.Outcome outcome = stockOutcome(realm, username, password);
        return !outcome.succeeded() && outcome.body().contains("id=\"kc-form-login\"") ? null : describe(outcome);
    }

    private BrokeredLogin dvcBrowser() {
        return new BrokeredLogin(new LoginRequest(serverUrl, serviceUrl, "dvc").as(BrokerBenchmark.CLIENT), serverUrl);
    }

    private BrokeredLogin.Outcome stockOutcome(String realm, String username, String password) throws Exception {
        LoginRequest request = new LoginRequest(serverUrl, serviceUrl, realm).as(BrokerBenchmark.CLIENT);
        return new BrokeredLogin(request, serverUrl).loginFrom(request.start(Map.of()), "", username, password);
    }

    /** Where a login ended and the start of the page's text, for the report. */
    private static String describe(BrokeredLogin.Outcome outcome) {
        String text = outcome.body().replaceAll("(?s)<script.*?</script>|<style.*?</style>", " ").replaceAll("<[^>]+>", " ")
                .replaceAll("\\s+", " ").strip();
        String at = outcome.lastUrl().replaceFirst("\\?.*", "");
        return "HTTP " + outcome.status() + " at " + at + ": " + text.substring(0, Math.min(300, text.length()));
    }
}
