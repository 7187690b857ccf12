package de.dvc.iam.keycloak.registration;

import java.util.regex.Pattern;

/**
 * Keycloak resolves a secret of the form {@code ${vault.<key>}} from its vault before it uses it. A secret an agency
 * submits must never be one: DVC would send the vault's value (another agency's bind secret, the mail password) to the
 * agency's own directory or token endpoint. Vault references are the operators' (federation files) only.
 */
final class VaultReference {

    static final String REFUSAL = "A value of the form ${vault.…} is refused here: send the secret itself "
            + "(vault references are set by the federation operators in the federation files).";
    private static final Pattern SHAPE = Pattern.compile("(?s)\\s*\\$\\{\\s*vault\\..*");

    private VaultReference() {
    }

    static boolean looksLike(String secret) {
        return secret != null && SHAPE.matcher(secret).matches();
    }
}
