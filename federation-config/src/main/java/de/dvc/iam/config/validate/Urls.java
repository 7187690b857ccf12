package de.dvc.iam.config.validate;

import de.dvc.iam.config.Problem;
import de.dvc.iam.config.yaml.Where;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * URLs in the files: absolute, https://, no user info (credentials in a URL end up in logs), no fragment
 * where it would be ignored or misused (redirect URIs, RFC 6749 section 3.1.2). Plain http:// only on the
 * settings' {@code insecureHosts} (demo and tests), with a warning each time, as the registration API's
 * {@code insecure-endpoint-hosts} option does. Stateless.
 */
final class Urls {

    private Urls() {
    }

    /**
     * @param what   how to name the URL, e.g. "The redirect URI"
     * @param exact  a redirect URI: no wildcard, no fragment
     * @return whether the URL is usable (no error was added)
     */
    static boolean check(String url, String what, boolean exact, Set<String> insecureHosts, Where where, List<Problem> out) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            out.add(Problem.error("url_invalid", where, what + " '" + abbreviate(url) + "' is not a URL (" + e.getReason() + ").",
                    "an absolute https:// URL"));
            return false;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            out.add(Problem.error("url_invalid", where, what + " '" + abbreviate(url) + "' is not an absolute http(s) URL with a host.",
                    "an absolute https:// URL, e.g. https://fachverfahren.bund.de/login/callback"));
            return false;
        }
        if (uri.getRawUserInfo() != null) {
            out.add(Problem.error("url_user_info", where, what + " carries user information (user:password@).",
                    "the URL without credentials; secrets go into clientSecret as a reference"));
            return false;
        }
        if (exact && (url.contains("*"))) {
            out.add(Problem.error("redirect_uri_wildcard", where, what + " '" + abbreviate(url) + "' has a wildcard.",
                    "exact URIs only, one entry per redirect URI the service uses"));
            return false;
        }
        if (exact && uri.getRawFragment() != null) {
            out.add(Problem.error("redirect_uri_fragment", where, what + " '" + abbreviate(url) + "' has a fragment (#…).",
                    "a redirect URI without fragment (RFC 6749, 3.1.2)"));
            return false;
        }
        if (scheme.equals("http")) {
            String host = uri.getHost().toLowerCase(Locale.ROOT);
            if (!insecureHosts.contains(host)) {
                out.add(Problem.error("url_not_https", where, what + " '" + abbreviate(url) + "' is plain http://.",
                        "https://; plain http:// only for hosts listed in the settings' insecureHosts (demo and tests)"));
                return false;
            }
            out.add(Problem.warning("url_insecure_allowed", where, what + " '" + abbreviate(url) + "' is plain http://, "
                    + "accepted only because " + host + " is one of the settings' insecureHosts.", "https:// in production"));
        }
        return true;
    }

    static String abbreviate(String value) {
        String clean = value.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 120 ? clean.substring(0, 120) + "…" : clean;
    }
}
