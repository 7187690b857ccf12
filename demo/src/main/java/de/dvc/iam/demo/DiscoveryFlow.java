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
 * Browser flow {@value #ALIAS} of realm {@code dvc}: an existing SSO session (cookie), else DVC
 * home-IdP discovery (which also honours a service's {@code kc_idp_hint} and {@code login_hint}).
 * Users have no passwords in realm {@code dvc}; every login goes through an agency.
 *
 * <p>Reconciled: a flow of that name with other steps (an older demo state) is replaced.
 */
final class DiscoveryFlow {

    static final String ALIAS = "dvc browser";
    static final List<String> STEPS = List.of("auth-cookie", "dvc-home-idp-discovery");

    private DiscoveryFlow() {
    }

    static void ensure(RealmResource realm) {
        AuthenticationManagementResource flows = realm.flows();
        Optional<AuthenticationFlowRepresentation> existing = flows.getFlows().stream()
                .filter(f -> ALIAS.equals(f.getAlias())).findFirst();
        if (existing.isPresent() && !steps(flows).equals(STEPS)) {
            bind(realm, "browser");
            flows.deleteFlow(existing.get().getId());
            existing = Optional.empty();
        }
        if (existing.isEmpty()) {
            create(flows);
        }
        bind(realm, ALIAS);
    }

    private static List<String> steps(AuthenticationManagementResource flows) {
        return flows.getExecutions(ALIAS).stream().map(AuthenticationExecutionInfoRepresentation::getProviderId).toList();
    }

    private static void create(AuthenticationManagementResource flows) {
        AuthenticationFlowRepresentation flow = new AuthenticationFlowRepresentation();
        flow.setAlias(ALIAS);
        flow.setDescription("DVC: SSO cookie, then home-IdP discovery");
        flow.setProviderId("basic-flow");
        flow.setTopLevel(true);
        flow.setBuiltIn(false);
        ServerState.createdId(flows.createFlow(flow), "authentication flow " + ALIAS);
        STEPS.forEach(step -> flows.addExecution(ALIAS, Map.of("provider", step)));
        for (AuthenticationExecutionInfoRepresentation execution : flows.getExecutions(ALIAS)) {
            execution.setRequirement("ALTERNATIVE");
            flows.updateExecutions(ALIAS, execution);
        }
    }

    private static void bind(RealmResource realm, String flowAlias) {
        RealmRepresentation representation = realm.toRepresentation();
        if (!flowAlias.equals(representation.getBrowserFlow())) {
            representation.setBrowserFlow(flowAlias);
            realm.update(representation);
        }
    }
}
