package de.dvc.iam.keycloak.onboarding;

import de.dvc.iam.keycloak.identity.StatelessAuthenticatorFactory;

/** Registers {@link LocalAdminAuthenticator}; it is stateless, so one instance serves all. */
public final class LocalAdminAuthenticatorFactory extends StatelessAuthenticatorFactory {

    public static final String PROVIDER_ID = "dvc-local-admin";

    public LocalAdminAuthenticatorFactory() {
        super(PROVIDER_ID, "DVC local admin (after password and TOTP)",
                "Completes a login of an invited local agency admin account, to the registration API's own clients only; refuses anything else.",
                new LocalAdminAuthenticator());
    }
}
