package de.dvc.iam.keycloak.identity;

import de.dvc.iam.core.agency.Agency;
import de.dvc.iam.core.assurance.AssuranceLevel;
import de.dvc.iam.core.policy.AccessDecision;
import de.dvc.iam.core.policy.PolicySubject;
import de.dvc.iam.keycloak.audit.AuditLog;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.util.Set;

/**
 * Checks a login against its service's requirement ({@link ServiceRequirement}) and refuses it with
 * a page that names the reason and whom to ask. Used for brokered logins and for single sign-on
 * from an existing session.
 */
final class ServiceAccess {

    private ServiceAccess() {
    }

    /**
     * @param idpMaximum the home IdP's registered maximum, to tell "log in more strongly" from "your IdP cannot"
     * @throws org.keycloak.services.ErrorPageException if the login is refused
     */
    static void check(KeycloakSession session, AuthenticationSessionModel authSession, AuditLog.Login login,
                      Agency agency, Set<String> roles, AssuranceLevel level, AssuranceLevel idpMaximum) {
        ServiceRequirement requirement = ServiceRequirement.of(authSession);
        ClientModel client = authSession.getClient();
        String serviceName = ServiceRequirement.serviceName(client);
        if (requirement.policy() == null) {
            throw Refusal.of(session, authSession, login, "service_misconfigured", "dvcRefusedServiceMisconfigured", serviceName);
        }
        String contact = requirement.policy().contact().isEmpty() ? serviceName : requirement.policy().contact();
        if (!level.atLeast(requirement.assurance())) {
            String key = idpMaximum.atLeast(requirement.assurance()) ? "dvcRefusedAssuranceStepUp" : "dvcRefusedAssuranceIdp";
            throw Refusal.of(session, authSession, login, AccessDecision.Reason.ASSURANCE.code(), key,
                    serviceName, requirement.assurance().code(), level.code(), contact);
        }
        AccessDecision decision = requirement.policy().evaluate(new PolicySubject(agency, roles, level));
        if (!decision.allowed()) {
            throw Refusal.of(session, authSession, login, decision.reason().code(),
                    "dvcRefusedPolicy_" + decision.reason().name().toLowerCase(java.util.Locale.ROOT),
                    serviceName, agency.name(), contact);
        }
    }
}
