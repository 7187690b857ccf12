package de.dvc.iam.demo;

import org.keycloak.admin.client.resource.AuthenticationManagementResource;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.AuthenticationExecutionInfoRepresentation;
import org.keycloak.representations.idm.AuthenticationFlowRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The authentication flows of realm {@code dvc}:
 * <ul>
 *   <li>browser flow {@value #ALIAS}: either an existing SSO session that also meets this service's
 *       access policy and assurance (sub-flow {@value #SSO}: {@code auth-cookie}, {@code dvc-service-access}),
 *       or DVC home-IdP discovery; last, reached only from discovery's "agency admin" button on the registration API's
 *       own clients, sub-flow {@value #LOCAL_ADMIN}: password, TOTP and {@code dvc-local-admin} for invited agency admins
 *       whose agency has no IdP yet. Other users have no passwords in realm {@code dvc}; every other login goes through
 *       an agency.</li>
 *   <li>first broker login flow {@value #FIRST_LOGIN}: create the user, nothing else. No review-profile
 *       page (nothing the agency asserted can be edited on the way) and no linking to an existing
 *       account by email: users are keyed by (IdP, subject).</li>
 * </ul>
 * Reconciled: a flow of that name with other steps (an older demo state) is replaced.
 */
final class DiscoveryFlow {

    static final String ALIAS = "dvc browser";
    static final String SSO = "dvc sso";
    static final String LOCAL_ADMIN = "dvc local admin";
    static final String FIRST_LOGIN = "dvc first broker login";
    static final List<String> STEPS = List.of("0 ALTERNATIVE flow " + SSO, "1 REQUIRED auth-cookie",
            "1 REQUIRED dvc-service-access", "0 ALTERNATIVE dvc-home-idp-discovery", "0 ALTERNATIVE flow " + LOCAL_ADMIN,
            "1 REQUIRED auth-username-password-form", "1 REQUIRED auth-otp-form", "1 REQUIRED dvc-local-admin");
    static final List<String> FIRST_LOGIN_STEPS = List.of("0 REQUIRED idp-create-user-if-unique");

    private DiscoveryFlow() {
    }

    static void ensure(RealmResource realm) {
        AuthenticationManagementResource flows = realm.flows();
        if (reconcile(realm, FIRST_LOGIN, FIRST_LOGIN_STEPS, "firstBrokerLogin")) {
            create(flows, FIRST_LOGIN, "DVC: create the user keyed by (IdP, subject); no review, no linking by email");
            flows.addExecution(FIRST_LOGIN, Map.of("provider", "idp-create-user-if-unique"));
            setRequirements(flows, FIRST_LOGIN, Map.of("idp-create-user-if-unique", "REQUIRED"));
        }
        if (reconcile(realm, ALIAS, STEPS, "browser")) {
            create(flows, ALIAS, "DVC: SSO session meeting the service's policy, else home-IdP discovery");
            flows.addExecutionFlow(ALIAS, Map.of("alias", SSO, "type", "basic-flow",
                    "description", "SSO cookie, then the service's access policy and assurance", "provider", "registration-page-form"));
            flows.addExecution(SSO, Map.of("provider", "auth-cookie"));
            flows.addExecution(SSO, Map.of("provider", "dvc-service-access"));
            flows.addExecution(ALIAS, Map.of("provider", "dvc-home-idp-discovery"));
            flows.addExecutionFlow(ALIAS, Map.of("alias", LOCAL_ADMIN, "type", "basic-flow",
                    "description", "Invited agency admins without an IdP: password, TOTP, registration API clients only",
                    "provider", "registration-page-form"));
            flows.addExecution(LOCAL_ADMIN, Map.of("provider", "auth-username-password-form"));
            flows.addExecution(LOCAL_ADMIN, Map.of("provider", "auth-otp-form"));
            flows.addExecution(LOCAL_ADMIN, Map.of("provider", "dvc-local-admin"));
            setRequirements(flows, ALIAS, Map.of(SSO, "ALTERNATIVE", "dvc-home-idp-discovery", "ALTERNATIVE", LOCAL_ADMIN, "ALTERNATIVE",
                    "auth-cookie", "REQUIRED", "dvc-service-access", "REQUIRED", "auth-username-password-form", "REQUIRED",
                    "auth-otp-form", "REQUIRED", "dvc-local-admin", "REQUIRED"));
        }
        RealmRepresentation representation = realm.toRepresentation();
        if (!ALIAS.equals(representation.getBrowserFlow())) {
            representation.setBrowserFlow(ALIAS);
            realm.update(representation);
        }
    }

    /** @return true if the flow must be (re)created */
    private static boolean reconcile(RealmResource realm, String alias, List<String> steps, String fallback) {
        AuthenticationManagementResource flows = realm.flows();
        Optional<AuthenticationFlowRepresentation> existing = flows.getFlows().stream()
                .filter(f -> alias.equals(f.getAlias())).findFirst();
        if (existing.isPresent() && steps(flows, alias).equals(steps)) {
            return false;
        }
        if (existing.isPresent()) {
            RealmRepresentation representation = realm.toRepresentation();
            if (alias.equals(representation.getBrowserFlow())) {
                representation.setBrowserFlow(fallback);
                realm.update(representation);
            }
            flows.deleteFlow(existing.get().getId());
        }
        return true;
    }

    private static List<String> steps(AuthenticationManagementResource flows, String alias) {
        return flows.getExecutions(alias).stream()
                .map(e -> e.getLevel() + " " + e.getRequirement() + " "
                        + (Boolean.TRUE.equals(e.getAuthenticationFlow()) ? "flow " + e.getDisplayName() : e.getProviderId()))
                .toList();
    }

    private static void create(AuthenticationManagementResource flows, String alias, String description) {
        AuthenticationFlowRepresentation flow = new AuthenticationFlowRepresentation();
        flow.setAlias(alias);
        flow.setDescription(description);
        flow.setProviderId("basic-flow");
        flow.setTopLevel(true);
        flow.setBuiltIn(false);
        ServerState.createdId(flows.createFlow(flow), "authentication flow " + alias);
    }

    private static void setRequirements(AuthenticationManagementResource flows, String alias, Map<String, String> requirements) {
        for (AuthenticationExecutionInfoRepresentation execution : flows.getExecutions(alias)) {
            String key = Boolean.TRUE.equals(execution.getAuthenticationFlow()) ? execution.getDisplayName() : execution.getProviderId();
            String requirement = requirements.get(key);
            if (requirement != null && !requirement.equals(execution.getRequirement())) {
                execution.setRequirement(requirement);
                flows.updateExecutions(alias, execution);
            }
        }
    }
}
