package de.dvc.iam.bench;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The generated agencies of the registration benchmark and what their web server publishes: agency {@code i} has one IdP,
 * {@code bench-<i>} (SAML, or OIDC for every 25th), whose documents behave by {@code i mod 20}: 70 % the same bytes at
 * every fetch, 5 % new bytes each round that change nothing Keycloak reads (a comment, an extra discovery field), 5 % a
 * new single sign-on (or userinfo) endpoint each round, 10 % answer after a second, 10 % answer HTTP 500. Every 50th SAML
 * IdP signs with a certificate that expires in 20 days. Round 0's documents are what the IdPs were configured from.
 */
final class AgencyDocuments {

    enum Behaviour { UNCHANGED, NEW_BYTES, NEW_ENDPOINT, SLOW, FAILING }

    /** A document served: how its agency behaves, its type and text; {@code main} false for a JWKS (counted apart). */
    record Document(Behaviour behaviour, String contentType, String body, boolean main) {
    }

    /** The documents of agencies served on {@code port}. */
    interface Factory {
        AgencyDocuments of(int port);
    }

    private static final Pattern SAML_PATH = Pattern.compile("/saml/(\\d{5})\\.xml");
    private static final Pattern OIDC_PATH = Pattern.compile("/oidc/(\\d{5})/(\\.well-known/openid-configuration|jwks)");

    private final int count;
    private final String base;
    private final String signingCertificate;
    private final String expiringCertificate;
    private final String jwks;
    private final String validUntil;

    /**
     * @param signingCertificate  base64 DER of the certificate most SAML IdPs sign with
     * @param expiringCertificate the same of the one expiring soon
     * @param jwk                 the OIDC providers' signing key as a JWK
     * @param validUntil          the metadata's {@code validUntil} (the same in every round)
     */
    AgencyDocuments(int count, int port, String signingCertificate, String expiringCertificate, String jwk, Instant validUntil) {
        this.count = count;
        this.base = "https://127.0.0.1:" + port;
        this.signingCertificate = signingCertificate;
        this.expiringCertificate = expiringCertificate;
        this.jwks = "{\"keys\":[" + jwk + "]}";
        this.validUntil = validUntil.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    int count() {
        return count;
    }

    static Behaviour behaviour(int i) {
        int slot = i % 20;
        return slot < 14 ? Behaviour.UNCHANGED : slot == 14 ? Behaviour.NEW_BYTES : slot == 15 ? Behaviour.NEW_ENDPOINT
                : slot < 18 ? Behaviour.SLOW : Behaviour.FAILING;
    }

    static boolean oidc(int i) {
        return i % 25 == 1;
    }

    static boolean expiringCertificate(int i) {
        return !oidc(i) && i % 50 == 3;
    }

    static String number(int i) {
        return String.format("%05d", i);
    }

    static String alias(int i) {
        return "bench-" + number(i);
    }

    /** The agency: one per IdP, except every tenth IdP, which is its predecessor's agency's second. */
    static String agency(int i) {
        return "bench-agency-" + number(i % 10 == 9 ? i - 1 : i);
    }

    static List<String> domains(int i) {
        return List.of("a" + number(i) + ".bench.example", "mail.a" + number(i) + ".bench.example");
    }

    /** Where the refresh fetches: the SAML metadata URL, or the OIDC issuer. */
    String source(int i) {
        return oidc(i) ? issuer(i) : base + "/saml/" + number(i) + ".xml";
    }

    /** The SAML entityID or OIDC issuer. */
    String entityId(int i) {
        return oidc(i) ? issuer(i) : "https://" + host(i) + "/idp";
    }

    String issuer(int i) {
        return base + "/oidc/" + number(i);
    }

    private static String host(int i) {
        return "idp.agency-" + number(i) + ".bench.example";
    }

    /** The document at {@code path} in {@code round}, or null if there is none. */
    Document at(String path, int round) {
        Matcher saml = SAML_PATH.matcher(path);
        if (saml.matches() && index(saml.group(1)) >= 0 && !oidc(index(saml.group(1)))) {
            int i = index(saml.group(1));
            return new Document(behaviour(i), "application/samlmetadata+xml", saml(i, round), true);
        }
        Matcher oidc = OIDC_PATH.matcher(path);
        if (oidc.matches() && index(oidc.group(1)) >= 0 && oidc(index(oidc.group(1)))) {
            int i = index(oidc.group(1));
            return oidc.group(2).equals("jwks") ? new Document(Behaviour.UNCHANGED, "application/json", jwks, false)
                    : new Document(behaviour(i), "application/json", discovery(i, round), true);
        }
        return null;
    }

    private int index(String digits) {
        int i = Integer.parseInt(digits);
        return i < count ? i : -1;
    }

    /** SAML 2.0 metadata of IdP {@code i} as published in {@code round}. */
    String saml(int i, int round) {
        String host = host(i);
        String certificate = expiringCertificate(i) ? expiringCertificate : signingCertificate;
        String sso = "https://" + host + "/idp/sso" + (behaviour(i) == Behaviour.NEW_ENDPOINT && round > 0 ? "/r" + round : "");
        String keyInfo = "<ds:KeyInfo><ds:X509Data><ds:X509Certificate>" + certificate + "</ds:X509Certificate></ds:X509Data></ds:KeyInfo>";
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\""
                + " entityID=\"https://" + host + "/idp\" validUntil=\"" + validUntil + "\">\n"
                + (behaviour(i) == Behaviour.NEW_BYTES ? "  <!-- published in round " + round + " -->\n" : "")
                + "  <md:IDPSSODescriptor protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\" WantAuthnRequestsSigned=\"true\">\n"
                + "    <md:KeyDescriptor use=\"signing\">" + keyInfo + "</md:KeyDescriptor>\n"
                + "    <md:KeyDescriptor use=\"encryption\">" + keyInfo + "</md:KeyDescriptor>\n"
                + "    <md:SingleLogoutService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect\" Location=\"https://" + host
                + "/idp/slo\"/>\n"
                + "    <md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:persistent</md:NameIDFormat>\n"
                + "    <md:SingleSignOnService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\" Location=\"" + sso + "\"/>\n"
                + "    <md:SingleSignOnService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect\" Location=\"" + sso + "\"/>\n"
                + "  </md:IDPSSODescriptor>\n"
                + "  <md:Organization><md:OrganizationName xml:lang=\"de\">Behörde " + number(i) + "</md:OrganizationName>"
                + "<md:OrganizationDisplayName xml:lang=\"de\">Behörde " + number(i) + "</md:OrganizationDisplayName>"
                + "<md:OrganizationURL xml:lang=\"de\">https://www.agency-" + number(i) + ".bench.example/</md:OrganizationURL></md:Organization>\n"
                + "  <md:ContactPerson contactType=\"technical\"><md:EmailAddress>mailto:it@agency-" + number(i)
                + ".bench.example</md:EmailAddress></md:ContactPerson>\n"
                + "</md:EntityDescriptor>\n";
    }

    /** The OIDC discovery document of provider {@code i} as published in {@code round}. */
    String discovery(int i, int round) {
        String issuer = issuer(i);
        String userinfo = issuer + "/userinfo" + (behaviour(i) == Behaviour.NEW_ENDPOINT && round > 0 ? "/r" + round : "");
        return "{\"issuer\":\"" + issuer + "\",\"authorization_endpoint\":\"" + issuer + "/auth\",\"token_endpoint\":\"" + issuer
                + "/token\",\"userinfo_endpoint\":\"" + userinfo + "\",\"jwks_uri\":\"" + issuer + "/jwks\",\"end_session_endpoint\":\""
                + issuer + "/logout\",\"response_types_supported\":[\"code\"],\"subject_types_supported\":[\"pairwise\"],"
                + "\"id_token_signing_alg_values_supported\":[\"ES256\"],\"code_challenge_methods_supported\":[\"S256\"],"
                + "\"scopes_supported\":[\"openid\",\"email\",\"profile\"]"
                + (behaviour(i) == Behaviour.NEW_BYTES ? ",\"service_documentation\":\"https://www.agency-" + number(i)
                + ".bench.example/it/round-" + round + "\"" : "") + "}";
    }

    String jwks() {
        return jwks;
    }
}
