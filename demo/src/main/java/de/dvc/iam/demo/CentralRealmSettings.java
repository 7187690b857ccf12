package de.dvc.iam.demo;

import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.userprofile.config.UPAttribute;
import org.keycloak.representations.userprofile.config.UPAttributePermissions;
import org.keycloak.representations.userprofile.config.UPConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The settings of realm {@code dvc} that domain binding and the identity contract rely on, reconciled
 * at every start:
 * <ul>
 *   <li>duplicate emails allowed, login with email off: users are keyed by (IdP, subject), two
 *       agencies' IdPs asserting one address give two users, never a link;</li>
 *   <li>name and email are the agency's: users may view them, only admins edit them, and none is
 *       required (an agency may release no email);</li>
 *   <li>event listener {@code dvc-audit} next to Keycloak's log listener;</li>
 *   <li>realm roles {@code dvc-federation-operator} and {@code dvc-agency-admin} of the registration API,
 *       and admin-only attributes (for {@code dvc.admin-of}).</li>
 * </ul>
 */
final class CentralRealmSettings {

    private static final Set<String> AGENCY_ASSERTED = Set.of("email", "firstName", "lastName");

    private CentralRealmSettings() {
    }

    static void ensure(RealmResource dvc) {
        RealmRepresentation realm = dvc.toRepresentation();
        List<String> listeners = new ArrayList<>(realm.getEventsListeners() == null ? List.of() : realm.getEventsListeners());
        boolean change = !Boolean.TRUE.equals(realm.isDuplicateEmailsAllowed()) || Boolean.TRUE.equals(realm.isLoginWithEmailAllowed())
                || Boolean.TRUE.equals(realm.isRegistrationEmailAsUsername()) || !listeners.contains("dvc-audit")
                || Boolean.TRUE.equals(realm.isEditUsernameAllowed());
        if (change) {
            if (!listeners.contains("dvc-audit")) {
                listeners.add("dvc-audit");
            }
            realm.setEventsListeners(listeners);
            realm.setDuplicateEmailsAllowed(true);
            realm.setLoginWithEmailAllowed(false);
            realm.setRegistrationEmailAsUsername(false);
            realm.setEditUsernameAllowed(false);
            dvc.update(realm);
        }
        for (String role : List.of("dvc-federation-operator", "dvc-agency-admin")) {
            if (dvc.roles().list(role, true).stream().noneMatch(r -> role.equals(r.getName()))) {
                RoleRepresentation representation = new RoleRepresentation();
                representation.setName(role);
                representation.setDescription(role.equals("dvc-federation-operator")
                        ? "DVC team: approves, suspends and retires agency IdP registrations"
                        : "Agency admin: registers the IdPs of the agency in user attribute dvc.admin-of");
                dvc.roles().create(representation);
            }
        }
        ensureSandboxClient(dvc);
        ensurePortalClient(dvc);
        // Keycloak's own account console is a service of realm dvc too: it needs its pairwise sector.
        ServerState.ensureSector(dvc, "account-console", "account.dvc.example");
        UPConfig profile = dvc.users().userProfile().getConfiguration();
        // dvc.admin-of (the agency an agency admin administers) is set by federation operators only.
        boolean changed = profile.getUnmanagedAttributePolicy() != UPConfig.UnmanagedAttributePolicy.ADMIN_EDIT;
        profile.setUnmanagedAttributePolicy(UPConfig.UnmanagedAttributePolicy.ADMIN_EDIT);
        for (UPAttribute attribute : profile.getAttributes()) {
            if (AGENCY_ASSERTED.contains(attribute.getName())) {
                UPAttributePermissions adminOnly = new UPAttributePermissions(Set.of("admin", "user"), Set.of("admin"));
                if (attribute.getRequired() != null || attribute.getPermissions() == null
                        || !Set.of("admin").equals(attribute.getPermissions().getEdit())) {
                    attribute.setRequired(null);
                    attribute.setPermissions(adminOnly);
                    changed = true;
                }
            }
        }
        if (changed) {
            dvc.users().userProfile().update(profile);
        }
    }

    /**
     * Client {@code dvc-agency-portal}: the agency-admin portal the server serves at {@code /realms/dvc/dvc-portal/}
     * (public, authorization code with PKCE S256 only, redirect and web origin the server itself). One of the
     * registration API's clients (option api-clients): its tokens administer; no service accepts them.
     */
    private static void ensurePortalClient(RealmResource dvc) {
        if (!dvc.clients().findByClientId("dvc-agency-portal").isEmpty()) {
            return;
        }
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId("dvc-agency-portal");
        client.setName("DVC portal for agency admins");
        client.setProtocol("openid-connect");
        client.setEnabled(true);
        client.setPublicClient(true);
        client.setStandardFlowEnabled(true);
        client.setDirectAccessGrantsEnabled(false);
        client.setImplicitFlowEnabled(false);
        client.setRootUrl("${authBaseUrl}");
        client.setBaseUrl("/realms/dvc/dvc-portal/");
        client.setRedirectUris(List.of("/realms/dvc/dvc-portal/*"));
        client.setWebOrigins(List.of("+"));
        client.setAttributes(java.util.Map.of("dvc.sector", "registration.dvc.example", "pkce.code.challenge.method", "S256",
                "post.logout.redirect.uris", "+"));
        ServerState.createdId(dvc.clients().create(client), "client dvc-agency-portal");
    }

    /**
     * Client {@code dvc-registration-sandbox}: test logins through registered, not yet approved IdPs
     * (docs/agency-admins.md). Public; it never receives a code, the login stops at DVC's result page.
     */
    private static void ensureSandboxClient(RealmResource dvc) {
        if (!dvc.clients().findByClientId("dvc-registration-sandbox").isEmpty()) {
            return;
        }
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId("dvc-registration-sandbox");
        client.setName("DVC registration sandbox (test logins)");
        client.setProtocol("openid-connect");
        client.setEnabled(true);
        client.setPublicClient(true);
        client.setStandardFlowEnabled(true);
        client.setDirectAccessGrantsEnabled(false);
        client.setRootUrl("${authBaseUrl}");
        client.setRedirectUris(List.of("/realms/dvc/dvc-registrations/sandbox-done"));
        client.setAttributes(java.util.Map.of("dvc.sector", "registration.dvc.example"));
        ServerState.createdId(dvc.clients().create(client), "client dvc-registration-sandbox");
    }
}
