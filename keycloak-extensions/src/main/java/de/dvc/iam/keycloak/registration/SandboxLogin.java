package de.dvc.iam.keycloak.registration;

import de.dvc.iam.core.profile.AssertedIdentity;
import de.dvc.iam.core.registration.RegistrationState;
import de.dvc.iam.keycloak.identity.DvcPage;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.ErrorPageException;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The end of a test login through a registered, not yet approved IdP: everything a production login
 * checks has passed. The registration moves from validated to tested (in a transaction of its own),
 * and the person sees what DVC IAM received; the login itself stops here and is rolled back, so no
 * user, link or session is created.
 */
public final class SandboxLogin {

    private static final int MAX_ROLES_SHOWN = 20;

    private SandboxLogin() {
    }

    /** The domains the registration declares: the ones domain binding will use once it is approved. */
    public static Set<String> declaredDomains(IdentityProviderModel idp) {
        return RegistrationRecord.split(idp.getConfig().get(RegistrationRecord.DOMAINS));
    }

    public static ErrorPageException complete(KeycloakSession session, AuthenticationSessionModel authSession,
                                              IdentityProviderModel idp, AssertedIdentity person, String level) {
        // The history keeps attribute names only; the page shows the tester her own values, to check the mapping.
        String summary = String.join(", ", received(person).keySet()) + "; assurance " + level;
        String details = describe(person) + "; assurance " + level;
        RealmModel realm = session.getContext().getRealm();
        String alias = idp.getAlias();
        KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), own -> {
            own.getContext().setRealm(own.realms().getRealm(realm.getId()));
            IdentityProviderModel stored = own.identityProviders().getByAlias(alias);
            RegistrationRecord record = RegistrationRecord.audited(own, stored);
            if (record.state() == RegistrationState.VALIDATED) {
                record.move(RegistrationState.TESTED, "confirm-test", "sandbox login", "received " + summary);
                own.identityProviders().update(stored);
            }
        });
        return new DvcPage(session, authSession, DvcPage.Kind.SANDBOX, "dvcSandboxSucceeded", alias, details);
    }

    /** What DVC IAM received, with values, as the person logged in at her own IdP (the theme escapes it). */
    static String describe(AssertedIdentity person) {
        return received(person).entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                .collect(java.util.stream.Collectors.joining("; "));
    }

    /** Attribute name (roles with their count) → value, in the order of the identity contract. */
    private static Map<String, String> received(AssertedIdentity person) {
        Map<String, String> received = new LinkedHashMap<>();
        received.put("given_name", person.givenName());
        received.put("family_name", person.familyName());
        person.emailAddress().ifPresent(email -> received.put("email", email));
        person.userPrincipalName().ifPresent(upn -> received.put("upn", upn));
        person.unit().ifPresent(unit -> received.put("org_unit", (unit.name() == null ? "" : unit.name())
                + (unit.code() == null ? "" : " (" + unit.code() + ")")));
        List<String> roles = person.roles().stream().limit(MAX_ROLES_SHOWN).map(de.dvc.iam.core.profile.Role::name).toList();
        received.put("roles (" + person.roles().size() + ")", String.join(", ", roles)
                + (person.roles().size() > MAX_ROLES_SHOWN ? ", …" : ""));
        return received;
    }
}
