package de.dvc.iam.keycloak.onboarding;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * The agency-admin portal at {@code /realms/<realm>/}{@value #PROVIDER_ID}{@code /}: three static files (HTML, script,
 * style) from this JAR, served by the DVC IAM server itself (no server of its own to deploy). The page signs in through
 * realm {@code dvc} as the public client {@value #CLIENT} (authorization code with PKCE) and calls the agency and
 * registration APIs with that token. A strict Content-Security-Policy: only this server's own scripts, styles and
 * APIs, no inline script, no framing.
 */
public final class PortalResourceFactory implements RealmResourceProviderFactory {

    public static final String PROVIDER_ID = "dvc-portal";
    /** The portal's OIDC client (one of the registration API's clients, option api-clients). */
    public static final String CLIENT = "dvc-agency-portal";
    private static final Map<String, String> FILES = Map.of("", "text/html; charset=utf-8", "portal.js", "text/javascript; charset=utf-8",
            "portal.css", "text/css; charset=utf-8");
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                return new Portal(session);
            }

            @Override
            public void close() {
                // nothing to release
            }
        };
    }

    /** The portal's files; anything else is 404. */
    public static final class Portal {

        private final KeycloakSession session;

        Portal(KeycloakSession session) {
            this.session = session;
        }

        @GET
        public Response index() {
            java.net.URI uri = session.getContext().getUri().getRequestUri();
            if (!uri.getPath().endsWith("/")) {
                // The page's script and style are relative to the directory.
                return Response.seeOther(session.getContext().getUri().getRequestUriBuilder().replacePath(uri.getPath() + "/").build()).build();
            }
            return file("");
        }

        @GET
        @Path("{file}")
        public Response file(@PathParam("file") String file) {
            String type = FILES.get(file);
            if (type == null) {
                return Response.status(404).build();
            }
            try (InputStream in = PortalResourceFactory.class.getResourceAsStream("/dvc-portal/" + (file.isEmpty() ? "index.html" : file))) {
                if (in == null) {
                    return Response.status(404).build();
                }
                // Keycloak's own security headers would replace this CSP with the realm's (which allows framing by itself):
                // the portal sets its complete, stricter set instead.
                session.getProvider(org.keycloak.headers.SecurityHeadersProvider.class).options().skipHeaders();
                return Response.ok(in.readAllBytes(), type).header("Content-Security-Policy", CSP)
                        .header("X-Frame-Options", "DENY").header("X-Content-Type-Options", "nosniff")
                        .header("Referrer-Policy", "no-referrer").header("Cache-Control", "no-cache").build();
            } catch (IOException e) {
                return Response.serverError().build();
            }
        }
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
