package de.dvc.iam.config.keycloak;

import de.dvc.iam.config.model.Origin;
import de.dvc.iam.config.model.PolicySpec;
import de.dvc.iam.config.model.SecretReference;
import de.dvc.iam.config.model.ServiceSpec;
import de.dvc.iam.config.state.ObjectKind;
import de.dvc.iam.config.state.Ownership;
import de.dvc.iam.config.state.ServerService;
import de.dvc.iam.config.state.Unreadable;
import de.dvc.iam.core.assurance.AssuranceLevel;
import de.dvc.iam.core.policy.AccessPolicy;
import org.keycloak.representations.idm.ClientRepresentation;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A client of the server read back as a service. Keycloak's own clients and DVC's realm infrastructure are not
 * services: they are skipped. Stateless.
 */
final class ServiceReading {

    /** Clients every realm has, and the registration sandbox and agency portal the server's set-up makes: not services. */
    static final Set<String> INFRASTRUCTURE = Set.of("account", "account-console", "admin-cli", "broker", "realm-management",
            "security-admin-console", "dvc-registration-sandbox", "dvc-agency-portal");

    private ServiceReading() {
    }

    /** @return empty for infrastructure clients */
    static Optional<Reading> read(ClientRepresentation client, List<String> optionalScopes) {
        if (INFRASTRUCTURE.contains(client.getClientId())) {
            return Optional.empty();
        }
        Map<String, String> attributes = client.getAttributes() == null ? Map.of() : client.getAttributes();
        Ownership ownership = Managed.VALUE.equals(attributes.get(Managed.MARKER)) ? Ownership.OWNED : Ownership.HAND_MADE;
        if (client.getProtocol() != null && !"openid-connect".equals(client.getProtocol())) {
            return Optional.of(Reading.unreadable(new Unreadable(ObjectKind.SERVICE, client.getClientId(), ownership,
                    "it is a " + client.getProtocol() + " client; services are OpenID Connect clients")));
        }
        AssuranceLevel required;
        try {
            String value = attributes.get(AccessPolicy.MINIMUM_ASSURANCE);
            required = value == null || value.isBlank() ? AssuranceLevel.NORMAL : AssuranceLevel.parse(value);
        } catch (IllegalArgumentException e) {
            return Optional.of(Reading.unreadable(new Unreadable(ObjectKind.SERVICE, client.getClientId(), ownership, e.getMessage())));
        }
        EnumSet<ServiceSpec.Flow> flows = EnumSet.noneOf(ServiceSpec.Flow.class);
        if (Boolean.TRUE.equals(client.isStandardFlowEnabled())) {
            flows.add(ServiceSpec.Flow.CODE);
        }
        if ("true".equals(attributes.get(ServiceMapping.DEVICE))) {
            flows.add(ServiceSpec.Flow.DEVICE);
        }
        boolean owned = ownership.owned();
        ServiceSpec spec = new ServiceSpec(client.getClientId(), Optional.ofNullable(client.getName()).filter(n -> !n.isBlank())
                .orElse(client.getClientId()), text(client.getDescription()), text(attributes.get(Managed.OWNER_AGENCY)),
                text(attributes.get(Managed.OWNER_NAME)), attributes.getOrDefault(Managed.CONTACT, ""),
                !Boolean.TRUE.equals(client.isPublicClient()),
                owned ? text(attributes.get(Managed.SECRET_REF)).flatMap(SecretReference::parse) : Optional.empty(), flows,
                client.getRedirectUris() == null ? List.of() : List.copyOf(client.getRedirectUris()),
                Managed.split(attributes.get(ServiceMapping.POST_LOGOUT), "##"), text(client.getBaseUrl()),
                "S256".equals(attributes.get(ServiceMapping.PKCE)), attributes.getOrDefault(Managed.SECTOR, ""),
                optionalScopes, claims(attributes.get(Managed.CLAIMS)), Optional.of(required), policy(attributes, client.getClientId()),
                text(attributes.get(ServiceMapping.BACKCHANNEL)), Origin.server("clients/" + client.getClientId()));
        return Optional.of(Reading.of(new ServerService(spec, ownership,
                owned ? text(attributes.get(Managed.SECRET_PRINT)) : Optional.empty(), ServiceMapping.deviations(client), client.getId())));
    }

    private static Optional<List<String>> claims(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(ServiceMapping.NO_CLAIMS.equals(value.strip()) ? List.of() : Managed.split(value, ","));
    }

    /** The policy, if the client has any part of one (an empty one allows everyone, as none does). */
    private static Optional<PolicySpec> policy(Map<String, String> attributes, String clientId) {
        PolicySpec policy = new PolicySpec(Managed.split(attributes.get(AccessPolicy.AGENCIES), ","),
                Managed.split(attributes.get(AccessPolicy.LEVELS), ","), Managed.split(attributes.get(AccessPolicy.STATES), ","),
                Managed.split(attributes.get(AccessPolicy.ROLES), ","), text(attributes.get(AccessPolicy.CONTACT)),
                Origin.server("clients/" + clientId + "/accessPolicy"));
        boolean empty = policy.agencies().isEmpty() && policy.levels().isEmpty() && policy.states().isEmpty()
                && policy.roles().isEmpty() && policy.contact().isEmpty();
        return empty ? Optional.empty() : Optional.of(policy);
    }

    private static Optional<String> text(String value) {
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }
}
