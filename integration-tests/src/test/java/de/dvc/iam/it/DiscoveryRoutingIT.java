package de.dvc.iam.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.dvc.iam.demo.DemoFederation;
import de.dvc.iam.demo.client.LoginRequest;
import de.dvc.iam.it.RunningFederation.Federation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.admin.client.resource.IdentityProviderResource;
import org.keycloak.representations.idm.IdentityProviderRepresentation;

import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every routing path of home-IdP discovery on the real server, without a browser: service hints,
 * remembered agency, email domain, search, and what bad input gets.
 */
@ExtendWith(RunningFederation.class)
class DiscoveryRoutingIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern OFFER = Pattern.compile("id=\"dvc-idp-([a-z0-9-]+)\"");

    private final Federation federation;
    private LoginRequest login;

    DiscoveryRoutingIT(Federation federation) {
        this.federation = federation;
    }

    @BeforeEach
    void newBrowser() {
        login = new LoginRequest(federation.serverUrl(), federation.serviceUrl());
    }

    @Test
    void kcIdpHintGoesStraightToTheAgencyIdp() throws Exception {
        HttpResponse<String> response = login.start(Map.of("kc_idp_hint", "berlin-senfin"));
        assertRedirectToBroker(response, "berlin-senfin");
    }

    @Test
    void unknownOrForgedKcIdpHintShowsDiscoveryWithAMessageAndNeverRedirectsOut() throws Exception {
        for (String hint : new String[] {"nope", "https://evil.example/", "//evil.example", "../../admin"}) {
            HttpResponse<String> response = new LoginRequest(federation.serverUrl(), federation.serviceUrl())
                    .start(Map.of("kc_idp_hint", hint));
            assertThat(response.statusCode()).as("hint %s", hint).isEqualTo(200);
            assertThat(response.body()).contains("Die Behörde, zu der der Dienst Sie schicken wollte, ist nicht verfügbar")
                    .doesNotContain("Exception").doesNotContain("evil.example");
        }
    }

    @Test
    void kcIdpHintNamingADisabledIdpShowsDiscovery() throws Exception {
        IdentityProviderResource idp = federation.admin().realm(DemoFederation.REALM).identityProviders().get("bund-aa");
        IdentityProviderRepresentation representation = idp.toRepresentation();
        representation.setEnabled(false);
        idp.update(representation);
        try {
            HttpResponse<String> response = login.start(Map.of("kc_idp_hint", "bund-aa"));
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("nicht verfügbar");
        } finally {
            representation.setEnabled(true);
            idp.update(representation);
        }
    }

    @Test
    void loginHintWithAVerifiedDomainRoutesAndPassesTheEmailOn() throws Exception {
        HttpResponse<String> response = login.start(Map.of("login_hint", "anna.schmidt@senfin.berlin.example"));
        assertRedirectToBroker(response, "berlin-senfin");
        assertThat(LoginRequest.location(response)).contains("login_hint=anna.schmidt%40senfin.berlin.example");
    }

    @Test
    void loginHintWithAnUnknownDomainFallsBackToThePageWithoutError() throws Exception {
        HttpResponse<String> response = login.start(Map.of("login_hint", "max@nirgendwo.example"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("value=\"max@nirgendwo.example\"").doesNotContain("aria-invalid=\"true\"");
    }

    @Test
    void typedEmailOfASubdomainIsRoutedByTheAgencysDomain() throws Exception {
        HttpResponse<String> page = login.start(Map.of());
        HttpResponse<String> response = login.submit(page, "dvc-email-form", Map.of("email", "kai@it.flensburg.sh.example"));
        assertRedirectToBroker(response, "gemeinde-01001000");
    }

    @Test
    void typedEmailWithUnknownDomainOffersASearchSeededFromTheDomain() throws Exception {
        HttpResponse<String> page = login.start(Map.of());
        HttpResponse<String> response = login.submit(page, "dvc-email-form", Map.of("email", "kai@flensburg.example"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("Für die Domain flensburg.example ist keine Behörde registriert")
                .contains("value=\"flensburg\"");
        assertThat(offers(response)).contains("gemeinde-01001000");
    }

    @Test
    void searchWithoutJavaScriptFindsByNameAgsAndShortName() throws Exception {
        HttpResponse<String> page = login.start(Map.of());
        assertThat(offers(login.submit(page, "dvc-search-form", Map.of("q", "Flensburg")))).first().isEqualTo("gemeinde-01001000");
        assertThat(offers(login.submit(login.start(Map.of()), "dvc-search-form", Map.of("q", "01001000")))).containsExactly("gemeinde-01001000");
        assertThat(offers(login.submit(login.start(Map.of()), "dvc-search-form", Map.of("q", "Brunsbuttel")))).first().isEqualTo("gemeinde-01051011");
        assertThat(offers(login.submit(login.start(Map.of()), "dvc-search-form", Map.of("q", "BMI")))).first().isEqualTo("bund-bmi");
    }

    @Test
    void choosingAnAgencyRemembersItAndTheNextLoginOffersItWithAWayToChange() throws Exception {
        HttpResponse<String> results = login.submit(login.start(Map.of()), "dvc-search-form", Map.of("q", "Flensburg"));
        HttpResponse<String> chosen = login.submit(results, "dvc-search-form", Map.of("idp", "gemeinde-01001000"));
        assertRedirectToBroker(chosen, "gemeinde-01001000");
        HttpCookie remembered = login.cookies().cookie("DVC_HOME_IDP");
        assertThat(remembered).as("cookie DVC_HOME_IDP").isNotNull();
        assertThat(remembered.getValue()).isEqualTo("gemeinde-01001000");
        assertThat(remembered.isHttpOnly()).isTrue();
        assertThat(remembered.getMaxAge()).isGreaterThan(300L * 24 * 3600);

        HttpResponse<String> next = login.start(Map.of());
        assertThat(next.body()).contains("id=\"dvc-remembered-continue\"").contains("value=\"gemeinde-01001000\"")
                .contains("Nicht Ihre Behörde? Ändern").doesNotContain("id=\"dvc-search\"");

        HttpResponse<String> changed = login.submit(next, "dvc-remembered-form", Map.of("change", "1"));
        assertThat(changed.body()).contains("id=\"dvc-search\"").doesNotContain("dvc-remembered-continue");
        assertThat(changed.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("DVC_HOME_IDP=;") && c.contains("Max-Age=0"));
    }

    @Test
    void aForgedOrUnknownChoiceIsRefusedOnThePage() throws Exception {
        HttpResponse<String> page = login.start(Map.of());
        for (String idp : new String[] {"https://evil.example/", "", "master", "x".repeat(5000)}) {
            HttpResponse<String> response = login.submit(page, "dvc-search-form", Map.of("idp", idp));
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("Diese Behörde ist nicht (mehr) verfügbar");
            page = response;
        }
    }

    @Test
    void overlongAndOddQueriesGetAPageNotAnError() throws Exception {
        for (String q : new String[] {"x".repeat(20_000), "<script>alert(1)</script>", "' OR 1=1 --", "\u0000\uFFFF", "   "}) {
            HttpResponse<String> response = login.submit(login.start(Map.of()), "dvc-search-form", Map.of("q", q));
            assertThat(response.statusCode()).as("query %s", q.length() > 20 ? q.substring(0, 20) : q).isEqualTo(200);
            assertThat(response.body()).doesNotContain("<script>alert(1)</script>").doesNotContain("Exception");
        }
    }

    @Test
    void theDiscoveryPageNeverListsAgenciesAndStaysSmall() throws Exception {
        HttpResponse<String> page = login.start(Map.of());
        assertThat(offers(page)).isEmpty();
        assertThat(page.body().getBytes(StandardCharsets.UTF_8).length).isLessThan(50 * 1024);
    }

    @Test
    void theSearchIsRateLimitedPerClient() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> limited = null;
        for (int i = 0; i < 200 && limited == null; i++) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(
                    federation.serverUrl() + "/realms/dvc/dvc-discovery/search?q=kiel")).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 429) {
                limited = response;
            }
        }
        assertThat(limited).as("a flood from one address meets the limit").isNotNull();
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        assertThat(limited.body()).contains("too_many_requests");
        Thread.sleep(5_000); // the bucket refills (10/s, burst 40) before other tests search from this address
    }

    @Test
    void jsonSearchAnswersWhatThePageShows() throws Exception {
        JsonNode found = search("flensburg");
        assertThat(found.at("/results/0/idp").asText()).isEqualTo("gemeinde-01001000");
        assertThat(found.at("/results/0/name").asText()).isEqualTo("Flensburg, Stadt");
        assertThat(found.at("/results/0/detail").asText()).isEqualTo("Kommune · DE-SH · AGS 01001000");
        HttpResponse<String> english = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                federation.serverUrl() + "/realms/dvc/dvc-discovery/search?q=flensburg")).header("Accept-Language", "en").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(english.body()).at("/results/0/detail").asText()).isEqualTo("Municipality · DE-SH · AGS 01001000");
        assertThat(search("Lubeck").at("/results/0/idp").asText()).isEqualTo("gemeinde-01003000");
        assertThat(search("").at("/results").size()).isZero();
        assertThat(search("x".repeat(5000)).at("/query").asText()).hasSize(100);
        assertThat(search("Stadt").at("/results").size()).isEqualTo(10);
    }

    @Test
    void aChangedAgencyIsFoundAsChangedWithinSecondsWithoutAFullRebuild() throws Exception {
        var realm = federation.admin().realm(DemoFederation.REALM);
        IdentityProviderResource idp = realm.identityProviders().get("gemeinde-01051011");
        IdentityProviderRepresentation representation = idp.toRepresentation();
        assertThat(search("Brunsbüttel").at("/results/0/idp").asText()).isEqualTo("gemeinde-01051011");
        representation.setEnabled(false);
        idp.update(representation);
        try {
            JsonNode after = waitForSearch("Brunsbüttel", 0);
            assertThat(after.at("/results").size()).as("a disabled IdP leaves the directory").isZero();
        } finally {
            representation.setEnabled(true);
            idp.update(representation);
        }
        assertThat(waitForSearch("Brunsbüttel", 1).at("/results/0/idp").asText()).isEqualTo("gemeinde-01051011");
    }

    private JsonNode waitForSearch(String q, int expected) throws Exception {
        JsonNode result = search(q);
        // the change reaches the directory incrementally (poll every 2 s, update a second later); a full build would take
        // an hour (the production interval the test server keeps), so only the incremental update can pass this
        for (int i = 0; i < 80 && result.at("/results").size() != expected; i++) {
            Thread.sleep(250);
            result = search(q);
        }
        return result;
    }

    private JsonNode search(String q) throws Exception {
        HttpResponse<String> response = login.get(federation.serverUrl() + "/realms/dvc/dvc-discovery/search?q="
                + URLEncoder.encode(q, StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        return JSON.readTree(response.body());
    }

    private static java.util.List<String> offers(HttpResponse<String> page) {
        java.util.List<String> found = new java.util.ArrayList<>();
        Matcher matcher = OFFER.matcher(page.body());
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private static void assertRedirectToBroker(HttpResponse<String> response, String alias) {
        assertThat(response.statusCode()).as("redirect, body: %s", response.body().length() > 300
                ? response.body().substring(0, 300) : response.body()).isIn(302, 303);
        assertThat(LoginRequest.location(response)).contains("/realms/dvc/broker/" + alias + "/login");
    }
}
