package de.dvc.iam.agency.oidc;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * What the demo or a test tells the provider at start ({@code agency-oidc.*}): its issuer and its one client, DVC IAM.
 * Checked once here, so a wrong argument stops the start with a message naming it instead of a broken login later.
 *
 * @param issuer     the issuer identifier (OpenID Connect Discovery 1.0, 3): the public URL of the provider, the TLS
 *                   front end's {@code https://host:port/path}; its path is the application's context path
 * @param agencyName the agency's name on the login page
 * @param client     DVC IAM's client
 */
@ConfigurationProperties("agency-oidc")
public record AgencyOidcSettings(URI issuer, String agencyName, Client client) {

    public AgencyOidcSettings {
        if (issuer == null) {
            throw new IllegalArgumentException("agency-oidc.issuer is missing: give the provider's public URL, e.g. "
                    + "--agency-oidc.issuer=https://127.0.0.2:8443/land-beispiel");
        }
        String scheme = issuer.getScheme() == null ? "" : issuer.getScheme().toLowerCase(Locale.ROOT);
        // OpenID Connect Discovery 1.0, 3: an https URL with scheme, host and optionally port and path, no query or fragment.
        // Plain http only for a provider tested on its own, without the front end.
        if (!(scheme.equals("https") || scheme.equals("http")) || issuer.getHost() == null || issuer.getRawQuery() != null
                || issuer.getRawFragment() != null || issuer.getRawPath().endsWith("/")) {
            throw new IllegalArgumentException("agency-oidc.issuer '" + issuer + "' is no issuer identifier: use "
                    + "https://host[:port][/path] without query, fragment or trailing slash.");
        }
        if (agencyName == null || agencyName.isBlank()) {
            agencyName = "Ministerium des Innern, Land Beispiel";
        }
        if (client == null) {
            throw new IllegalArgumentException("agency-oidc.client.id, .secret and .redirect-uri are missing: the provider "
                    + "serves one client, DVC IAM.");
        }
    }

    /** The issuer as it appears in tokens and the discovery document. */
    public String issuerText() {
        return issuer.toString();
    }

    /**
     * DVC IAM as the provider's confidential client.
     *
     * @param id          client id
     * @param secret      client secret (environment {@code AGENCY_OIDC_CLIENT_SECRET}, never a command-line argument)
     * @param redirectUri DVC IAM's broker endpoint for this provider, matched exactly
     */
    public record Client(String id, String secret, String redirectUri) {

        public Client {
            require(id, "agency-oidc.client.id");
            require(secret, "agency-oidc.client.secret (environment AGENCY_OIDC_CLIENT_SECRET)");
            require(redirectUri, "agency-oidc.client.redirect-uri");
            try {
                URI uri = new URI(redirectUri);
                if (!uri.isAbsolute() || uri.getRawFragment() != null) {
                    throw new URISyntaxException(redirectUri, "not absolute or with a fragment");
                }
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("agency-oidc.client.redirect-uri '" + redirectUri + "' is no absolute URL "
                        + "without fragment (RFC 6749, 3.1.2): give DVC IAM's broker endpoint, …/realms/dvc/broker/<alias>/endpoint.");
            }
        }

        private static void require(String value, String name) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(name + " is missing.");
            }
        }

        @Override
        public String toString() {
            return "Client[id=" + id + ", redirectUri=" + redirectUri + "]";
        }
    }
}
