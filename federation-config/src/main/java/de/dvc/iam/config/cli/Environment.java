package de.dvc.iam.config.cli;

import de.dvc.iam.config.keycloak.KeycloakServerState;
import de.dvc.iam.config.state.Secrets;
import de.dvc.iam.config.state.ServerState;

/**
 * What the server commands reach outside the process: the server ({@link Connector}) and the secrets (environment
 * variables and files). Tests give an in-memory server and a map of secrets.
 */
public record Environment(Connector connector, Secrets secrets) {

    /** Opens the federation of a realm on the server the options name. */
    @FunctionalInterface
    public interface Connector {
        /** @throws picocli.CommandLine.ParameterException if the login options are incomplete */
        ServerState connect(ServerOptions options, String realm, Secrets secrets);
    }

    /** The real thing: Keycloak's admin API, the process's environment. */
    public static final Environment SYSTEM = new Environment((options, realm, secrets) ->
            new KeycloakServerState(options.login(secrets).open(realm, options.parallel()), realm, options.parallel()),
            Secrets.environment());
}
