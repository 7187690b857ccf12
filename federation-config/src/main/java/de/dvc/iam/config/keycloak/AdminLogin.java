package de.dvc.iam.config.keycloak;

import org.jboss.resteasy.client.jaxrs.internal.ResteasyClientBuilderImpl;
import org.keycloak.admin.client.JacksonProvider;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.spi.ResteasyClientClassicProvider;
import org.keycloak.OAuth2Constants;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * How dvc-config logs in to the admin API: a user's password (grant {@code password}, client {@code admin-cli} by
 * default) or a client's secret (grant {@code client_credentials}, e.g. a service account with realm-admin of realm
 * dvc). The secrets are resolved values, never shown ({@link #toString()}).
 *
 * @param authRealm the realm the login belongs to, e.g. {@code master}
 */
public record AdminLogin(String serverUrl, String authRealm, String clientId, Optional<String> username,
                         Optional<String> password, Optional<String> clientSecret) {

    public AdminLogin {
        Objects.requireNonNull(serverUrl, "serverUrl");
        Objects.requireNonNull(authRealm, "authRealm");
        Objects.requireNonNull(clientId, "clientId");
    }

    /**
     * The admin API of {@code realm}, with a connection pool for {@code connections} calls at a time.
     * Nothing is sent before the first call.
     */
    public RealmAdmin open(String realm, int connections) {
        ResteasyClientBuilderImpl http = ResteasyClientClassicProvider.createClientBuilder();
        http.connectionPoolSize(Math.max(10, connections + 2)).maxPooledPerRoute(Math.max(10, connections + 2))
                .connectTimeout(10, TimeUnit.SECONDS).readTimeout(120, TimeUnit.SECONDS).register(JacksonProvider.class, 100);
        KeycloakBuilder builder = KeycloakBuilder.builder().serverUrl(serverUrl).realm(authRealm).clientId(clientId)
                .resteasyClient(http.build());
        if (clientSecret.isPresent() && username.isEmpty()) {
            builder.grantType(OAuth2Constants.CLIENT_CREDENTIALS).clientSecret(clientSecret.get());
        } else {
            builder.grantType(OAuth2Constants.PASSWORD).username(username.orElse("")).password(password.orElse(""));
            clientSecret.ifPresent(builder::clientSecret);
        }
        Keycloak keycloak = builder.build();
        return new AdminClientRealm(keycloak, realm, serverUrl);
    }

    @Override
    public String toString() {
        return "AdminLogin[" + serverUrl + ", realm " + authRealm + ", client " + clientId + username.map(u -> ", user " + u).orElse("")
                + "]";
    }
}
