package de.dvc.iam.it;

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
 * CookieManager does not, so Keycloak's session cookies would be lost. Paths and domains are
 * ignored: one jar talks to one server.
 */
final class LoopbackCookieJar extends CookieHandler {

    private final Map<String, HttpCookie> cookies = new ConcurrentHashMap<>();

    @Override
    public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) {
        if (cookies.isEmpty()) {
            return Map.of();
        }
        return Map.of("Cookie", List.of(cookies.values().stream()
                .map(c -> c.getName() + "=" + c.getValue()).collect(Collectors.joining("; "))));
    }

    @Override
    public void put(URI uri, Map<String, List<String>> responseHeaders) {
        responseHeaders.forEach((name, values) -> {
            if ("Set-Cookie".equalsIgnoreCase(name)) {
                for (String header : values) {
                    for (HttpCookie cookie : HttpCookie.parse(header)) {
                        if (cookie.getMaxAge() == 0 || cookie.getValue().isEmpty()) {
                            cookies.remove(cookie.getName());
                        } else {
                            cookies.put(cookie.getName(), cookie);
                        }
                    }
                }
            }
        });
    }

    HttpCookie cookie(String name) {
        return cookies.get(name);
    }
}
