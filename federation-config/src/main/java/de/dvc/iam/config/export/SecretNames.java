package de.dvc.iam.config.export;

import de.dvc.iam.config.model.SecretReference;

import java.util.Locale;

/**
 * The environment variable an export names for a secret the server does not reveal and apply did not record:
 * {@code DVC_IDP_<ALIAS>_CLIENT_SECRET}, {@code DVC_IDP_<ALIAS>_BIND_SECRET} (a directory's), {@code
 * DVC_SERVICE_<CLIENT>_CLIENT_SECRET}. Stateless.
 */
final class SecretNames {

    private SecretNames() {
    }

    static SecretReference idp(String alias) {
        return new SecretReference("env:DVC_IDP_" + upper(alias) + "_CLIENT_SECRET");
    }

    static SecretReference bind(String alias) {
        return new SecretReference("env:DVC_IDP_" + upper(alias) + "_BIND_SECRET");
    }

    static String bindNote(SecretReference reference) {
        return "The server keeps this directory's bind secret as a value, which an export never writes: set "
                + reference.reference().substring(4) + " to it in the environment of apply, or name a secret of Keycloak's vault (vault:NAME).";
    }

    static SecretReference service(String clientId) {
        return new SecretReference("env:DVC_SERVICE_" + upper(clientId) + "_CLIENT_SECRET");
    }

    static String note(SecretReference reference) {
        return "The server does not reveal this secret: set " + reference.reference().substring(4)
                + " to it in the environment of apply.";
    }

    private static String upper(String name) {
        return name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
    }
}
