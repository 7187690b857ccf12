package de.dvc.iam.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import de.dvc.iam.demo.AgencyIdpUsers;
import de.dvc.iam.demo.DemoAgencies;
import de.dvc.iam.demo.DemoAgencies.DemoUser;
import de.dvc.iam.demo.client.BrokeredLogin;
import de.dvc.iam.demo.client.DeviceGrant;
import de.dvc.iam.demo.client.LoginRequest;
import de.dvc.iam.it.RunningFederation.Federation;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.UserRepresentation;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Agency onboarding on the real server (issue: agency onboarding): an operator creates an agency and invites its
 * contact; the invitation mail arrives at a real SMTP server (GreenMail); the invited person sets a password on the
 * invitation page, sets up TOTP at her first login, and administers exactly her agency through the registration API's
 * client, and nothing else. Used, revoked, malformed and foreign links are refused; refused requests change nothing.
 */
@ExtendWith(RunningFederation.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgencyOnboardingIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AGENCY = "it-musterstadt";
    private static final String INVITEE = "it-leitung@musterstadt.example";
    private static final String PASSWORD = "Musterstadt-Admin-2026";
    private static GreenMail smtp;
    private static String operatorToken;
    private static String foreignAdminToken;
    private static String invitationLink;
    private static String totpSecret;

    private final Federation federation;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    AgencyOnboardingIT(Federation federation) {
        this.federation = federation;
    }

    @BeforeAll
    static void people(Federation federation) throws Exception {
        smtp = MailSink.startFor(federation);
        RealmResource dvc = federation.admin().realm("dvc");
        AgencyIdpUsers bmi = new AgencyIdpUsers(federation.admin(), DemoAgencies.BUND_BMI);
        for (String name : List.of("onb.op", "onb.foreign")) {
            bmi.ensure(new DemoUser(name, name + "@bmi.bund.example", "Onb", name, "demo", "X", List.of()));
        }
        operatorToken = DeviceGrant.accessToken(federation.serverUrl(), federation.serviceUrl(), "onb.op@bmi.bund.example", "onb.op");
        foreignAdminToken = DeviceGrant.accessToken(federation.serverUrl(), federation.serviceUrl(), "onb.foreign@bmi.bund.example", "onb.foreign");
        ApiTokens.grant(dvc, "onb.op", "dvc-federation-operator", null);
        ApiTokens.grant(dvc, "onb.foreign", "dvc-agency-admin", "bund-bmi");
    }

    @AfterAll
    static void stopMail() {
        if (smtp != null) {
            smtp.stop();
        }
    }

    private record Answer(int status, JsonNode body) {
    }

    private Answer call(String method, String path, String token, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(federation.serverUrl() + "/realms/dvc/dvc-agencies" + path))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body instanceof String text ? text : JSON.writeValueAsString(body)));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body().isEmpty() ? null : JSON.readTree(response.body()));
    }

    private static Map<String, Object> musterstadt() {
        Map<String, Object> agency = new LinkedHashMap<>();
        agency.put("id", AGENCY);
        agency.put("name", "Gemeinde Musterstadt (Integrationstest)");
        agency.put("level", "municipal");
        agency.put("state", "DE-BY");
        agency.put("ags", "09162000");
        agency.put("contacts", List.of(Map.of("name", "Erika Muster", "email", INVITEE)));
        return agency;
    }

    @Test
    @Order(1)
    void operatorsCreateAgenciesWithCheckedFieldsAndNobodyElseDoes() throws Exception {
        assertThat(call("POST", "", null, musterstadt()).status()).isEqualTo(401);
        assertThat(call("POST", "", foreignAdminToken, musterstadt()).status()).as("an agency admin").isEqualTo(403);
        Map<String, Object> bad = new HashMap<>(musterstadt());
        bad.put("ags", "12");
        bad.put("contacts", List.of(Map.of("name", "Erika", "email", "\"a@b\"@x.example")));
        Answer invalid = call("POST", "", operatorToken, bad);
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body().at("/fields").fieldNames()).toIterable().containsExactlyInAnyOrder("ags", "contacts[0].email");
        assertThat(call("POST", "", operatorToken, "null").body().at("/error").asText()).isEqualTo("invalid_request");
        assertThat(call("GET", "/" + AGENCY, operatorToken, null).status()).as("nothing was created").isEqualTo(404);

        Answer created = call("POST", "", operatorToken, musterstadt());
        assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
        assertThat(created.body().at("/contacts/0/email").asText()).isEqualTo(INVITEE);
        assertThat(created.body().at("/ags").asText()).isEqualTo("09162000");
        assertThat(call("POST", "", operatorToken, musterstadt()).body().at("/error").asText()).isEqualTo("agency_taken");
        assertThat(federation.admin().realm("dvc").organizations().search("Gemeinde Musterstadt (Integrationstest)", true, 0, 1))
                .extracting(o -> o.getAlias()).containsExactly(AGENCY);
        assertThat(call("GET", "/" + AGENCY, operatorToken, null).body().at("/contacts/0/name").asText()).isEqualTo("Erika Muster");
        assertThat(call("GET", "/" + AGENCY, foreignAdminToken, null).status()).as("another agency's admin").isEqualTo(403);
    }

    @Test
    @Order(2)
    void theInvitationMailCarriesALinkThatWorksOnceAndSetsUpALocalAdmin() throws Exception {
        assertThat(call("POST", "/" + AGENCY + "/invitations", foreignAdminToken, Map.of("email", INVITEE, "name", "Erika Muster")).status())
                .as("another agency's admin invites nobody here").isEqualTo(403);
        assertThat(call("POST", "/" + AGENCY + "/invitations", operatorToken, Map.of("email", "nope", "name", "", "days", 99))
                .body().at("/fields").fieldNames()).toIterable().containsExactlyInAnyOrder("email", "name", "days");
        Answer invited = call("POST", "/" + AGENCY + "/invitations", operatorToken, Map.of("email", INVITEE, "name", "Erika Muster"));
        assertThat(invited.status()).as(String.valueOf(invited.body())).isEqualTo(201);
        assertThat(invited.body().at("/mail").asText()).isEqualTo("sent");
        assertThat(invited.body().at("/status").asText()).isEqualTo("pending");
        assertThat(invited.body().at("/invitedBy").asText()).as("a name, not a UUID").contains("onb.op");
        invitationLink = invited.body().at("/link").asText();

        assertThat(smtp.waitForIncomingEmail(15_000, 1)).as("the invitation mail reached the SMTP server").isTrue();
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo(INVITEE);
        String text = MailSink.text(mail);
        assertThat(text).contains(invitationLink).contains("Gemeinde Musterstadt").contains("Erika Muster");

        LoginRequest browser = new LoginRequest(federation.serverUrl(), federation.serviceUrl());
        HttpResponse<String> page = browser.get(invitationLink);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Erika Muster").contains("Gemeinde Musterstadt").contains(INVITEE);
        HttpResponse<String> tooShort = browser.submit(page, "dvc-invitation-form", form(page, Map.of("password", "short", "password-confirm", "short")));
        assertThat(tooShort.body()).contains("id=\"input-error-password\"").contains("aria-invalid=\"true\"");
        HttpResponse<String> mismatch = browser.submit(page, "dvc-invitation-form",
                form(page, Map.of("password", PASSWORD, "password-confirm", PASSWORD + "x")));
        assertThat(mismatch.body()).contains("id=\"input-error-password-confirm\"");
        // The realm's password policy applies too, also its rules about the (future) username.
        org.keycloak.representations.idm.RealmRepresentation policy = federation.admin().realm("dvc").toRepresentation();
        policy.setPasswordPolicy("length(12) and notUsername and notEmail");
        federation.admin().realm("dvc").update(policy);
        HttpResponse<String> sameAsName = browser.submit(page, "dvc-invitation-form", form(page, Map.of("password", INVITEE, "password-confirm", INVITEE)));
        assertThat(sameAsName.statusCode()).isEqualTo(200);
        assertThat(sameAsName.body()).contains("id=\"input-error-password\"");
        assertThat(federation.admin().realm("dvc").users().searchByUsername(INVITEE, true)).as("no account yet").isEmpty();

        HttpResponse<String> done = browser.submit(page, "dvc-invitation-form", form(page, Map.of("password", PASSWORD, "password-confirm", PASSWORD)));
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("id=\"dvc-invitation-username\"").contains(INVITEE);
        UserRepresentation account = federation.admin().realm("dvc").users().searchByUsername(INVITEE, true).get(0);
        assertThat(account.getAttributes()).containsEntry("dvc.local-admin-of", List.of(AGENCY)).containsEntry("dvc.admin-of", List.of(AGENCY));
        assertThat(account.getRequiredActions()).contains("CONFIGURE_TOTP");
        assertThat(federation.admin().realm("dvc").users().get(account.getId()).roles().realmLevel().listEffective())
                .extracting(r -> r.getName()).contains("dvc-agency-admin").doesNotContain("dvc-federation-operator");

        HttpResponse<String> again = browser.get(invitationLink);
        assertThat(again.statusCode()).as("single use").isEqualTo(410);
        assertThat(browser.submit(page, "dvc-invitation-form", form(page, Map.of("password", PASSWORD, "password-confirm", PASSWORD)))
                .statusCode()).as("the form once more").isEqualTo(410);
        assertThat(browser.get(invitationLink.replaceFirst("code=.*", "code=" + java.net.URLEncoder.encode("' or 1=1 --", StandardCharsets.UTF_8)))
                .statusCode()).isEqualTo(410);
        assertThat(browser.get(invitationLink.replaceFirst("code=.*", "code=" + "A".repeat(43))).statusCode()).isEqualTo(410);
        assertThat(call("GET", "/" + AGENCY + "/invitations", operatorToken, null).body().at("/invitations/0/status").asText())
                .isEqualTo("accepted");
    }

    @Test
    @Order(3)
    void aRevokedInvitationIsRefusedAndNothingElseIsRevoked() throws Exception {
        Answer invited = call("POST", "/" + AGENCY + "/invitations", operatorToken, Map.of("email", "zweite@musterstadt.example", "name", "Max Zweit", "days", 1));
        assertThat(invited.status()).isEqualTo(201);
        String id = invited.body().at("/id").asText();
        assertThat(call("DELETE", "/bund-bmi/invitations/" + id, foreignAdminToken, null).status()).as("another agency's path").isEqualTo(404);
        assertThat(call("DELETE", "/" + AGENCY + "/invitations/" + id, operatorToken, null).body().at("/status").asText()).isEqualTo("revoked");
        assertThat(call("DELETE", "/" + AGENCY + "/invitations/" + id, operatorToken, null).status()).isEqualTo(409);
        HttpResponse<String> page = new LoginRequest(federation.serverUrl(), federation.serviceUrl()).get(invited.body().at("/link").asText());
        assertThat(page.statusCode()).isEqualTo(410);
        assertThat(page.body()).doesNotContain("dvc-invitation-form");
    }

    @Test
    @Order(4)
    void theLocalAdminLogsInWithPasswordAndTotpAndAdministersOnlyHerAgency() throws Exception {
        String token = localAdminToken(PASSWORD, true);
        assertThat(token).isNotNull();
        assertThat(call("GET", "/" + AGENCY, token, null).body().at("/localAdmins/0/username").asText()).isEqualTo(INVITEE);
        assertThat(call("GET", "/bund-bmi", token, null).status()).isEqualTo(403);
        assertThat(call("POST", "", token, Map.of("id", "x")).status()).as("only operators create agencies").isEqualTo(403);
        String own = call("GET", "/" + AGENCY, token, null).body().at("/localAdmins/0/id").asText();
        assertThat(call("POST", "/" + AGENCY + "/admins/" + own + "/second-factor-reset", token, null).body().at("/error").asText())
                .as("not by herself: her password alone must not drop her second factor").isEqualTo("own_account");
        Answer further = call("POST", "/" + AGENCY + "/invitations", token, Map.of("email", "dritte@musterstadt.example", "name", "Dora Dritt"));
        assertThat(further.status()).as("an admin invites further admins of her agency").isEqualTo(201);
        HttpResponse<String> registrations = http.send(HttpRequest.newBuilder(URI.create(federation.serverUrl()
                        + "/realms/dvc/dvc-registrations?agency=bund-bmi")).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(registrations.statusCode()).as(registrations.body()).isIn(200, 403);
        if (registrations.statusCode() == 200) {
            assertThat(JSON.readTree(registrations.body()).at("/registrations")).as("never another agency's").isEmpty();
        }
        // Second login: the TOTP is set up now and asked for; a wrong code gets no token.
        assertThat(localAdminToken(PASSWORD, false)).isNotNull();
        assertThat(localAdminTokenWithCode(PASSWORD, "000000")).isNull();
        assertThat(localAdminTokenWithCode("wrong-password-123", null)).isNull();
    }

    @Test
    @Order(5)
    void noServiceOffersTheLocalLoginAndForcingItGetsNoCode() throws Exception {
        LoginRequest service = new LoginRequest(federation.serverUrl(), federation.serviceUrl());
        BrokeredLogin browser = new BrokeredLogin(service, federation.serverUrl());
        BrokeredLogin.Outcome discovery = browser.follow(service.start(Map.of()), "");
        assertThat(discovery.body()).contains("dvc-email-form").doesNotContain("dvc-local-admin-form").doesNotContain("try-another-way");
        // The button's form post, forged for a service: discovery stays; no password form, no code.
        HttpResponse<String> forced = browser.submit(discovery, "dvc-email-form", Map.of("local", "1"));
        BrokeredLogin.Outcome after = browser.follow(forced, discovery.lastUrl());
        assertThat(after.succeeded()).isFalse();
        assertThat(after.body()).doesNotContain("id=\"kc-form-login\"").doesNotContain("name=\"password\"");
    }

    @Test
    @Order(6)
    void aLostSecondFactorIsResetByAnotherPersonAndSetUpAnewAtTheNextSignIn() throws Exception {
        String id = federation.admin().realm("dvc").users().searchByUsername(INVITEE, true).get(0).getId();
        String path = "/" + AGENCY + "/admins/" + id + "/second-factor-reset";
        assertThat(call("POST", path, foreignAdminToken, null).status()).as("another agency's admin").isEqualTo(403);
        String before = totpSecret;
        Answer reset = call("POST", path, operatorToken, null);
        assertThat(reset.status()).as(String.valueOf(reset.body())).isEqualTo(200);
        assertThat(reset.body().at("/secondFactorsRemoved").asInt()).isEqualTo(1);
        // Her next sign-in asks for a new authenticator app; the old one's codes no longer count. (The wrong code and password
        // of the test before locked her out for a minute: brute-force protection's quick-login check; an operator lifts it.)
        federation.admin().realm("dvc").attackDetection().clearBruteForceForUser(id);
        assertThat(localAdminToken(PASSWORD, true)).isNotNull();
        assertThat(totpSecret).as("a new secret was set up").isNotEqualTo(before);
    }

    @Test
    @Order(7)
    void aRetiredLocalAdminCannotLogInAnyMore() throws Exception {
        String id = federation.admin().realm("dvc").users().searchByUsername(INVITEE, true).get(0).getId();
        assertThat(call("DELETE", "/bund-bmi/admins/" + id, foreignAdminToken, null).status()).isEqualTo(404);
        Answer retired = call("DELETE", "/" + AGENCY + "/admins/" + id, operatorToken, null);
        assertThat(retired.status()).as(String.valueOf(retired.body())).isEqualTo(200);
        assertThat(retired.body().at("/enabled").asBoolean()).isFalse();
        assertThat(localAdminToken(PASSWORD, false)).isNull();
        JsonNode audit = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(federation.serverUrl()
                        + "/realms/dvc/dvc-audit/events?agency=" + AGENCY + "&limit=100")).header("Authorization", "Bearer " + operatorToken).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        List<String> outcomes = new java.util.ArrayList<>();
        audit.at("/events").forEach(e -> outcomes.add(e.at("/type").asText() + ":" + e.at("/outcome").asText()));
        assertThat(outcomes).contains("registration:agency-created", "registration:invitation-created", "registration:invitation-revoked",
                "registration:invitation-accepted", "registration:local-admin-second-factor-reset", "registration:local-admin-retired", "login:success", "token:success");
    }

    @Test
    @Order(9)
    void thePortalIsServedWithAStrictContentSecurityPolicy() throws Exception {
        HttpResponse<String> portal = http.send(HttpRequest.newBuilder(URI.create(federation.serverUrl() + "/realms/dvc/dvc-portal/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(portal.statusCode()).isEqualTo(200);
        assertThat(portal.headers().allValues("Content-Security-Policy")).singleElement().asString()
                .contains("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe");
        assertThat(portal.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(portal.body()).contains("portal.js").doesNotContain("<script>");
        assertThat(http.send(HttpRequest.newBuilder(URI.create(federation.serverUrl() + "/realms/dvc/dvc-portal/..%2F..%2Fdvc-agencies"))
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).as("only its own three files").isEqualTo(404);
    }

    @Test
    @Order(8)
    void anAgencyDesignatesItsAdminsThroughItsOwnIdp() throws Exception {
        AgencyIdpUsers bmi = new AgencyIdpUsers(federation.admin(), DemoAgencies.BUND_BMI);
        bmi.ensure(new DemoUser("onb.designated", "onb.designated@bmi.bund.example", "Onb", "Designated", "demo", "X",
                List.of("dvc-agency-admin")));
        bmi.ensure(new DemoUser("onb.plain", "onb.plain@bmi.bund.example", "Onb", "Plain", "demo", "X", List.of("Sachbearbeitung")));
        String designated = DeviceGrant.accessToken(federation.serverUrl(), federation.serviceUrl(), "onb.designated@bmi.bund.example",
                "onb.designated");
        String plain = DeviceGrant.accessToken(federation.serverUrl(), federation.serviceUrl(), "onb.plain@bmi.bund.example", "onb.plain");
        assertThat(call("GET", "/bund-bmi", designated, null).status()).as("admin of her IdP's agency").isEqualTo(200);
        assertThat(call("GET", "/" + AGENCY, designated, null).status()).as("of no other").isEqualTo(403);
        assertThat(call("GET", "/bund-bmi", plain, null).status()).as("without the role").isEqualTo(403);
        assertThat(call("POST", "", designated, musterstadt()).status()).as("never an operator").isEqualTo(403);
    }


    /** The invitation form's hidden code plus {@code fields}. */
    private static Map<String, String> form(HttpResponse<String> page, Map<String, String> fields) {
        Matcher code = Pattern.compile("name=\"code\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(code.find()).as("the invitation form carries its code").isTrue();
        Map<String, String> form = new LinkedHashMap<>(fields);
        form.put("code", code.group(1));
        return form;
    }

    private String localAdminToken(String password, boolean setUpTotp) throws Exception {
        return deviceLogin(password, setUpTotp, null);
    }

    private String localAdminTokenWithCode(String password, String code) throws Exception {
        return deviceLogin(password, false, code);
    }

    /**
     * The device grant of {@code dvc-registration-cli} as a local admin: discovery's agency-admin button, password,
     * then TOTP (set up with the page's secret, or a code: {@code forcedCode} if given). Null if no token came.
     */
    private String deviceLogin(String password, boolean setUpTotp, String forcedCode) throws Exception {
        String endpoint = federation.serverUrl() + "/realms/dvc/protocol/openid-connect";
        JsonNode device = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(endpoint + "/auth/device"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("client_id=" + DeviceGrant.CLIENT)).build(), HttpResponse.BodyHandlers.ofString()).body());
        LoginRequest request = new LoginRequest(federation.serverUrl(), federation.serviceUrl());
        BrokeredLogin browser = new BrokeredLogin(request, federation.serverUrl());
        String verification = device.get("verification_uri_complete").asText();
        BrokeredLogin.Outcome discovery = browser.follow(request.get(verification), verification);
        assertThat(discovery.body()).as("the API client's discovery page offers the local login").contains("id=\"dvc-local-admin-form\"");
        BrokeredLogin.Outcome login = browser.follow(browser.submit(discovery, "dvc-local-admin-form", Map.of("local", "1")), discovery.lastUrl());
        assertThat(login.body()).contains("id=\"kc-form-login\"");
        BrokeredLogin.Outcome next = browser.follow(post(request, login, "kc-form-login", Map.of("username", INVITEE, "password", password)),
                login.lastUrl());
        if (next.body().contains("id=\"kc-totp-settings-form\"")) {
            assertThat(setUpTotp).as("TOTP set-up only at the first login").isTrue();
            Matcher secret = Pattern.compile("name=\"totpSecret\" value=\"([^\"]+)\"").matcher(next.body());
            assertThat(secret.find()).isTrue();
            totpSecret = secret.group(1);
            next = browser.follow(post(request, next, "kc-totp-settings-form", Map.of("totp", totp(totpSecret, 0), "totpSecret", totpSecret,
                    "userLabel", "it")), next.lastUrl());
        } else if (next.body().contains("id=\"kc-otp-login-form\"")) {
            // The set-up's code may not be used twice (Keycloak's default): the next time step's code, inside its look-around window.
            next = browser.follow(post(request, next, "kc-otp-login-form", Map.of("otp", forcedCode != null ? forcedCode : totp(totpSecret, 1))),
                    next.lastUrl());
        } else {
            return null; // refused before the second factor (wrong password, retired account)
        }
        if (next.body().contains("name=\"accept\"")) {
            next = browser.follow(post(request, next, null, Map.of("accept", "Ja")), next.lastUrl());
        }
        JsonNode tokens = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(endpoint + "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("client_id=" + DeviceGrant.CLIENT + "&grant_type=urn:ietf:params:oauth:grant-type:device_code"
                        + "&device_code=" + device.get("device_code").asText())).build(), HttpResponse.BodyHandlers.ofString()).body());
        return tokens.has("access_token") ? tokens.get("access_token").asText() : null;
    }

    /** POSTs {@code fields} (and the form's hidden inputs) to the form {@code formId} (null: the page's first form). */
    private static HttpResponse<String> post(LoginRequest request, BrokeredLogin.Outcome page, String formId, Map<String, String> fields)
            throws Exception {
        Matcher tag = Pattern.compile(formId == null ? "<form[^>]*>" : "<form[^>]*id=\"" + formId + "\"[^>]*>").matcher(page.body());
        assertThat(tag.find()).as("form " + formId + " on the page").isTrue();
        Matcher action = Pattern.compile("action=\"([^\"]+)\"").matcher(tag.group());
        assertThat(action.find()).isTrue();
        Map<String, String> form = new LinkedHashMap<>();
        Matcher hidden = Pattern.compile("<input type=\"hidden\"[^>]*name=\"([^\"]+)\"[^>]*value=\"([^\"]*)\"").matcher(page.body().substring(tag.start()));
        while (hidden.find()) {
            form.put(hidden.group(1), hidden.group(2));
        }
        form.putAll(fields);
        String url = URI.create(page.lastUrl()).resolve(action.group(1).replace("&amp;", "&")).toString();
        return request.http().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(LoginRequest.encode(form))).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** RFC 6238 with Keycloak's defaults (HmacSHA1, 6 digits, 30 s); Keycloak keys the HMAC with the secret's UTF-8 bytes. */
    static String totp(String secret, int stepsAhead) throws Exception {
        long counter = System.currentTimeMillis() / 1000 / 30 + stepsAhead;
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(counter).array());
        int offset = hash[hash.length - 1] & 0xf;
        int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16) | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
        return String.format("%06d", binary % 1_000_000);
    }
}
