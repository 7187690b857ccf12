package de.dvc.iam.agency.oidc;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

import java.net.URI;
import java.util.Locale;

/**
 * Serves the application at its issuer URL although it listens on plain HTTP at 127.0.0.1 behind a TLS front end
 * that passes paths on unchanged and sends no {@code X-Forwarded-*} headers: the issuer's path becomes the context
 * path, so the discovery document is at {@code <issuer>/.well-known/openid-configuration} (OpenID Connect Discovery
 * 1.0, 4); and Tomcat's connector reports the issuer's scheme, host and port as the request's ({@code proxyName},
 * {@code proxyPort}, {@code scheme}, {@code secure}), so every redirect Spring Security builds (to the login form,
 * back to the authorization endpoint) and the session cookie's {@code Secure} flag fit the front end.
 * Runs after Spring Boot's own customizers ({@code server.servlet.context-path} has no say).
 */
final class IssuerFrontEnd implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    private final URI issuer;

    IssuerFrontEnd(URI issuer) {
        this.issuer = issuer;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.setContextPath(contextPath());
        factory.addConnectorCustomizers(connector -> {
            connector.setScheme(scheme());
            connector.setSecure(secure());
            connector.setProxyName(issuer.getHost());
            connector.setProxyPort(port());
        });
    }

    /** The issuer's path, {@code ""} for none (Servlet 6.0, 3.5: a context path starts with '/' and does not end with one). */
    String contextPath() {
        String path = issuer.getRawPath() == null ? "" : issuer.getRawPath();
        return path.equals("/") ? "" : path;
    }

    String scheme() {
        return issuer.getScheme().toLowerCase(Locale.ROOT);
    }

    boolean secure() {
        return scheme().equals("https");
    }

    /** The issuer's port, or its scheme's default. */
    int port() {
        return issuer.getPort() != -1 ? issuer.getPort() : secure() ? 443 : 80;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
