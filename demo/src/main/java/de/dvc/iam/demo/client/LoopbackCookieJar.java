package de.dvc.iam.demo.client;

import java.net.CookieHandler;
import java.net.HttpCookie;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A cookie jar for tests against one loopback server over plain HTTP. Browsers treat
 * {@code http://localhost} as a secure context and send {@code Secure} cookies there; the JDK's
 * CookieManager does not, so Keycloak's session cookies would be lost. Domains are ignored (one
 * jar talks to one server); paths are honoured, as Keycloak reuses cookie names in every realm.
 */
public final class LoopbackCookieJar extends CookieHandler {

    private final Map<String, HttpCookie> cookies = new ConcurrentHashMap<>();

    @Override
    public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) {
        String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
        // Keycloak sets the same cookie names per realm, told apart by path (/realms/<realm>/).
        String header = cookies.values().stream().filter(c -> path.startsWith(pathOf(c)))
                .map(c -> c.getName() + "=" + c.getValue()).collect(Collectors.joining("; "));
        return header.isEmpty() ? Map.of() : Map.of("Cookie", List.of(header));
    }

    private static String pathOf(HttpCookie cookie) {
        return cookie.getPath() == null || cookie.getPath().isEmpty() ? "/" : cookie.getPath();
    }

    private static String key(HttpCookie cookie) {
        return cookie.getName() + " " + pathOf(cookie);
    }

    @Override
    public void put(URI uri, Map<String, List<String>> responseHeaders) {
        responseHeaders.forEach((name, values) -> {
            if ("Set-Cookie".equalsIgnoreCase(name)) {
                for (String header : values) {
                    for (HttpCookie cookie : HttpCookie.parse(header)) {
                        if (cookie.getMaxAge() == 0 || cookie.getValue().isEmpty()) {
                            cookies.remove(key(cookie));
                        } else {
                            cookies.put(key(cookie), cookie);
                        }
                    }
                }
            }
        });
    }

    /** The cookie {@code name} of realm {@code dvc} (or any path if only one has it). */
    public HttpCookie cookie(String name) {
        return cookies.values().stream().filter(c -> c.getName().equals(name))
                .filter(c -> pathOf(c).equals("/") || pathOf(c).startsWith("/realms/dvc/")).findFirst().orElse(null);
    }

    /** Whether realm {@code dvc} set an SSO session cookie. */
    public boolean hasSessionCookie() {
        return cookie("KEYCLOAK_IDENTITY") != null;
    }
}
