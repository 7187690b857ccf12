package de.dvc.iam.demo;

import org.keycloak.admin.client.resource.AuthenticationManagementResource;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.AuthenticationExecutionInfoRepresentation;
import org.keycloak.representations.idm.AuthenticationFlowRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;

import java.util.List;
import java.util.Map;

/**
 * Browser flow {@value #ALIAS} of realm {@code dvc}: an existing SSO session (cookie), then a
 * service's {@code kc_idp_hint}, then DVC home-IdP discovery. Users have no passwords in realm
 * {@code dvc}; every login goes through an agency.
 */
final class DiscoveryFlow {

    static final String ALIAS = "dvc browser";
    private static final List<String> STEPS = List.of("auth-cookie", "identity-provider-redirector", "dvc-home-idp-discovery");

    private DiscoveryFlow() {
    }

    static void ensure(RealmResource realm) {
        AuthenticationManagementResource flows = realm.flows();
        if (flows.getFlows().stream().noneMatch(f -> ALIAS.equals(f.getAlias()))) {
            AuthenticationFlowRepresentation flow = new AuthenticationFlowRepresentation();
            flow.setAlias(ALIAS);
            flow.setDescription("DVC: SSO cookie, kc_idp_hint, home-IdP discovery");
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
        RealmRepresentation representation = realm.toRepresentation();
        if (!ALIAS.equals(representation.getBrowserFlow())) {
            representation.setBrowserFlow(ALIAS);
            realm.update(representation);
        }
    }
}
