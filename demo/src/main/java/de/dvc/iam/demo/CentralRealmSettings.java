package de.dvc.iam.demo;

import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ComponentRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RequiredActionProviderRepresentation;
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
 *       and admin-only attributes (for {@code dvc.admin-of});</li>
 *   <li>tokens signed with ES256 ({@link #ensureTokenSignature});</li>
 *   <li>no realm roles in service tokens ({@link #ensureNoRolesInServiceTokens});</li>
 *   <li>no profile check and no security-key registration ({@link #ensureUnusedRequiredActionsOff}).</li>
 * </ul>
 */
public final class CentralRealmSettings {

    /** The signature algorithm of realm dvc's ID and access tokens (see {@link #ensureTokenSignature}). */
    private static final String TOKEN_SIGNATURE = "ES256";
    private static final Set<String> AGENCY_ASSERTED = Set.of("email", "firstName", "lastName");
    private static final String KEY_PROVIDER = "org.keycloak.keys.KeyProvider";
    private static final String ECDSA_KEY = "ecdsa-generated";
    private static final String ROLES_SCOPE = "roles";
    /** Keycloak's required actions that realm dvc switches off (see {@link #ensureUnusedRequiredActionsOff}). */
    private static final Set<String> UNUSED_REQUIRED_ACTIONS = Set.of("VERIFY_PROFILE", "webauthn-register",
            "webauthn-register-passwordless");
    /** Keycloak's own clients of a realm: they keep Keycloak's scopes (the account console's API checks its token's roles). */
    private static final Set<String> KEYCLOAK_CLIENTS = Set.of("account", "account-console", "admin-cli", "broker",
            "realm-management", "security-admin-console");

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
        ensureTokenSignature(dvc);
        ensureNoRolesInServiceTokens(dvc);
        ensureUnusedRequiredActionsOff(dvc);
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
     * ID and access tokens signed with ES256 (ECDSA on P-256) instead of Keycloak's default RS256 with a 2048-bit key:
     * BSI TR-02102-1 recommends at least 3000-bit RSA keys for use after 2023 (DVC's own metadata checks warn at 2048
     * bits), and ECDSA on a 256-bit curve meets it at a fraction of RSA's signing cost (two signatures per login and per
     * refresh). The realm gets a generated P-256 key unless it has an ECDSA key, and ES256 as its default in place of
     * Keycloak's RS256 (another algorithm an operator chose, e.g. ES384, stays). The RSA key stays: SAML requests to
     * agencies are signed with it, and a service that cannot verify ES256 gets RS256 by its client attributes
     * (docs/service-operators.md).
     */
    public static void ensureTokenSignature(RealmResource dvc) {
        RealmRepresentation realm = dvc.toRepresentation();
        boolean ecdsaKey = dvc.components().query(realm.getId(), KEY_PROVIDER).stream()
                .anyMatch(component -> ECDSA_KEY.equals(component.getProviderId()));
        if (!ecdsaKey) {
            ComponentRepresentation key = new ComponentRepresentation();
            key.setName("dvc-ecdsa-p256");
            key.setProviderId(ECDSA_KEY);
            key.setProviderType(KEY_PROVIDER);
            key.setParentId(realm.getId());
            MultivaluedHashMap<String, String> config = new MultivaluedHashMap<>();
            config.putSingle("priority", "100");
            config.putSingle("enabled", "true");
            config.putSingle("active", "true");
            config.putSingle("ecdsaEllipticCurveKey", "P-256");
            key.setConfig(config);
            ServerState.createdId(dvc.components().add(key), "ECDSA P-256 signing key");
        }
        String algorithm = realm.getDefaultSignatureAlgorithm();
        if (algorithm == null || algorithm.isBlank() || "RS256".equals(algorithm)) {
            RealmRepresentation update = new RealmRepresentation();
            update.setDefaultSignatureAlgorithm(TOKEN_SIGNATURE);
            dvc.update(update);
        }
    }

    /**
     * Keycloak's client scope {@code roles} is no default scope of realm dvc's services. It writes the user's realm and
     * client roles into every access token ({@code realm_access}, {@code resource_access}: for an operator or agency admin
     * {@code dvc-federation-operator} / {@code dvc-agency-admin}) and adds the audience {@code account}, so a token a
     * service holds, or leaks, would tell who administers the federation and be taken by Keycloak's account API. No DVC
     * service needs it: the identity contract has its own {@code roles} (the agency's), and the registration API reads
     * roles from the user. Taken out of the realm's default scopes (clients created later) and of every client but
     * Keycloak's own (clients created before), at every start; an operator can still give one service the scope as an
     * optional one (dvc-config, service {@code scopes}).
     */
    static void ensureNoRolesInServiceTokens(RealmResource dvc) {
        String roles = ServerState.clientScopeId(dvc, ROLES_SCOPE).orElse(null);
        if (roles == null) {
            return;
        }
        if (dvc.getDefaultDefaultClientScopes().stream().anyMatch(scope -> roles.equals(scope.getId()))) {
            dvc.removeDefaultDefaultClientScope(roles);
        }
        for (ClientRepresentation client : dvc.clients().findAll()) {
            if (KEYCLOAK_CLIENTS.contains(client.getClientId())) {
                continue;
            }
            var resource = dvc.clients().get(client.getId());
            if (resource.getDefaultClientScopes().stream().anyMatch(scope -> ROLES_SCOPE.equals(scope.getName()))) {
                resource.removeDefaultClientScope(roles);
            }
        }
    }

    /**
     * Keycloak's required actions that realm dvc has no use for are off, reconciled at every start:
     * <ul>
     *   <li>{@code VERIFY_PROFILE} checks the user's profile against the realm's rules at every login and asks the user
     *       to complete what fails. In realm dvc only the agency's assertion writes the profile (names and email
     *       admin-only, none required; the contract comes from the sealed identity note, checked by the IdP's attribute
     *       profile at every login): there is nothing to ask the user, and the check ran all attribute validators at
     *       every login for nothing;</li>
     *   <li>{@code webauthn-register} and {@code webauthn-register-passwordless}: agency users have no credentials in
     *       DVC, local agency admins sign in with password and TOTP; both actions also load the trust anchors of the
     *       security-key attestation at every login, where Keycloak evaluates the triggers of every enabled action.</li>
     * </ul>
     */
    static void ensureUnusedRequiredActionsOff(RealmResource dvc) {
        for (RequiredActionProviderRepresentation action : dvc.flows().getRequiredActions()) {
            if (UNUSED_REQUIRED_ACTIONS.contains(action.getAlias()) && action.isEnabled()) {
                action.setEnabled(false);
                action.setDefaultAction(false);
                dvc.flows().updateRequiredAction(action.getAlias(), action);
            }
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
