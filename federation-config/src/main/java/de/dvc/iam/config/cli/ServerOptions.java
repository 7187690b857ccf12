package de.dvc.iam.config.cli;

import de.dvc.iam.config.keycloak.AdminLogin;
import de.dvc.iam.config.model.SecretReference;
import de.dvc.iam.config.state.Secrets;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.util.Optional;

/**
 * The server and the login of plan, apply and export. Passwords and client secrets only by reference
 * ({@code env:NAME}, {@code file:/path}): a value on the command line would show in the process list and the shell
 * history.
 */
public final class ServerOptions {

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--server", required = true, paramLabel = "URL",
            description = "The DVC IAM server, e.g. http://localhost:8080 (the demo).")
    private String server;

    @Option(names = "--realm", paramLabel = "NAME", description = "The federation's realm (default: the settings' realm, dvc).")
    private String realm;

    @Option(names = "--auth-realm", paramLabel = "NAME", defaultValue = "master",
            description = "The realm of the login (default: ${DEFAULT-VALUE}).")
    private String authRealm;

    @Option(names = "--admin-user", paramLabel = "NAME", defaultValue = "${env:DVC_ADMIN_USER}",
            description = "An administrator of the realm (default: environment variable DVC_ADMIN_USER).")
    private String adminUser;

    @Option(names = "--admin-password", paramLabel = "REF", defaultValue = "env:DVC_ADMIN_PASSWORD",
            description = "Her password by reference: env:NAME or file:/path (default: ${DEFAULT-VALUE}).")
    private String adminPassword;

    @Option(names = "--client-id", paramLabel = "ID", defaultValue = "admin-cli",
            description = "The client the login uses (default: ${DEFAULT-VALUE}); with --client-secret and no --admin-user, "
                    + "a service account logs in (client credentials).")
    private String clientId;

    @Option(names = "--client-secret", paramLabel = "REF", description = "The client's secret by reference: env:NAME or file:/path.")
    private String clientSecret;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "4",
            description = "Objects written (and read) at a time (default: ${DEFAULT-VALUE}).")
    private int parallel;

    public String server() {
        return server.replaceAll("/+$", "");
    }

    public Optional<String> realm() {
        return Optional.ofNullable(realm);
    }

    public int parallel() {
        if (parallel < 1 || parallel > 64) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--parallel is 1 to 64, not " + parallel + ".");
        }
        return parallel;
    }

    /** The login, its secrets resolved. */
    public AdminLogin login(Secrets secrets) {
        Optional<String> user = Optional.ofNullable(adminUser).filter(u -> !u.isBlank());
        Optional<String> secret = Optional.ofNullable(clientSecret).map(r -> resolve("--client-secret", r, secrets));
        if (user.isEmpty() && secret.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Name the login: --admin-user (or DVC_ADMIN_USER) with "
                    + "--admin-password, or --client-id with --client-secret (a service account).");
        }
        Optional<String> password = user.map(u -> resolve("--admin-password", adminPassword, secrets));
        return new AdminLogin(server(), authRealm, clientId, user, password, secret);
    }

    private String resolve(String option, String value, Secrets secrets) {
        Optional<SecretReference> reference = SecretReference.parse(value);
        if (reference.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + " takes a reference, env:NAME or file:/path, "
                    + "never the secret itself (it would show in the process list and the shell history).");
        }
        return secrets.resolve(reference.get()).orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
                option + ": " + reference.get().reference() + " is not set (or empty, or the file cannot be read)."));
    }
}
