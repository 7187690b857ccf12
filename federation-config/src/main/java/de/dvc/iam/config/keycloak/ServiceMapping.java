package de.dvc.iam.config.keycloak;

import de.dvc.iam.config.model.PolicySpec;
import de.dvc.iam.config.model.ServiceSpec;
import de.dvc.iam.config.state.DesiredService;
import de.dvc.iam.core.assurance.AssuranceLevel;
import de.dvc.iam.core.policy.AccessPolicy;
import org.keycloak.representations.idm.ClientRepresentation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A service as an OIDC client of realm {@code dvc}: code flow (exact redirect URIs) and/or device grant, never
 * implicit or password grant, PKCE S256 unless turned off, its sector of the pairwise subject ({@code dvc.sector}),
 * its access policy ({@code dvc.policy.*}, read by the login as iam-core {@link AccessPolicy}), owner, contact and
 * released claims. Every attribute apply manages is always written ("" for none: Keycloak removes an attribute only
 * when it gets it empty). Stateless.
 */
final class ServiceMapping {

    static final String PKCE = "pkce.code.challenge.method";
    static final String DEVICE = "oauth2.device.authorization.grant.enabled";
    static final String POST_LOGOUT = "post.logout.redirect.uris";
    static final String BACKCHANNEL = "backchannel.logout.url";
    static final String BACKCHANNEL_SESSION = "backchannel.logout.session.required";
    /** {@code dvc.claims} of a service that gets none of the optional claims (absent or empty: all). */
    static final String NO_CLAIMS = "none";

    private ServiceMapping() {
    }

    /**
     * @param current the client as it is (an update: its id and other attributes stay), or empty
     * @param secret  a confidential client's secret to set, or empty to keep the stored one
     * @param print   the fingerprint to record for the secret
     */
    static ClientRepresentation of(DesiredService desired, Optional<ClientRepresentation> current, Optional<String> secret,
                                   Optional<String> print) {
        ServiceSpec spec = desired.spec();
        ClientRepresentation client = new ClientRepresentation();
        current.ifPresent(c -> client.setId(c.getId()));
        client.setClientId(spec.clientId());
        client.setName(spec.name());
        client.setDescription(spec.description().orElse(""));
        client.setProtocol("openid-connect");
        client.setEnabled(true);
        client.setBearerOnly(false);
        client.setPublicClient(!spec.confidential());
        if (spec.confidential()) {
            client.setClientAuthenticatorType("client-secret");
            secret.ifPresent(client::setSecret);
        }
        client.setStandardFlowEnabled(spec.flows().contains(ServiceSpec.Flow.CODE));
        client.setImplicitFlowEnabled(false);
        client.setDirectAccessGrantsEnabled(false);
        client.setServiceAccountsEnabled(false);
        client.setFrontchannelLogout(false);
        client.setRedirectUris(new ArrayList<>(spec.redirectUris()));
        client.setBaseUrl(spec.baseUrl().orElse(""));
        // No client scopes here: given any, Keycloak makes them the client's only scopes (RepresentationToModel
        // .updateClientScopes), without the realm's default scope dvc. The optional ones are set by calls of their own.
        Map<String, String> attributes = new HashMap<>(current.map(ClientRepresentation::getAttributes).orElse(Map.of()));
        attributes.putAll(attributes(desired, print));
        client.setAttributes(attributes);
        return client;
    }

    private static Map<String, String> attributes(DesiredService desired, Optional<String> print) {
        ServiceSpec spec = desired.spec();
        Map<String, String> attributes = new HashMap<>();
        attributes.put(Managed.SECTOR, spec.sector());
        attributes.put(PKCE, spec.pkceRequired() ? "S256" : "");
        attributes.put(DEVICE, Boolean.toString(spec.flows().contains(ServiceSpec.Flow.DEVICE)));
        attributes.put(POST_LOGOUT, String.join("##", spec.postLogoutRedirectUris()));
        attributes.put(BACKCHANNEL, spec.backchannelLogoutUri().orElse(""));
        attributes.put(BACKCHANNEL_SESSION, "true");
        for (String key : List.of(AccessPolicy.AGENCIES, AccessPolicy.LEVELS, AccessPolicy.STATES, AccessPolicy.ROLES, AccessPolicy.CONTACT)) {
            attributes.put(key, "");
        }
        attributes.putAll(PolicySpec.settings(spec.accessPolicy(),
                spec.requiredAssurance().orElse(AssuranceLevel.NORMAL).code()));
        attributes.put(Managed.OWNER_AGENCY, spec.ownerAgency().orElse(""));
        attributes.put(Managed.OWNER_NAME, spec.ownerName().orElse(""));
        attributes.put(Managed.CONTACT, spec.contact());
        attributes.put(Managed.CLAIMS, spec.claims().map(c -> c.isEmpty() ? NO_CLAIMS : String.join(",", c)).orElse(""));
        attributes.put(Managed.MARKER, Managed.VALUE);
        attributes.put(Managed.SECRET_REF, spec.clientSecret().map(r -> r.reference()).orElse(""));
        attributes.put(Managed.SECRET_PRINT, spec.clientSecret().isPresent() ? print.orElse("") : "");
        return attributes;
    }

    /** The client settings DVC requires that {@code client} does not have, by name. */
    static List<String> deviations(ClientRepresentation client) {
        List<String> deviations = new ArrayList<>();
        if (!Boolean.TRUE.equals(client.isEnabled())) {
            deviations.add("enabled");
        }
        if (Boolean.TRUE.equals(client.isImplicitFlowEnabled())) {
            deviations.add("implicitFlowEnabled");
        }
        if (Boolean.TRUE.equals(client.isDirectAccessGrantsEnabled())) {
            deviations.add("directAccessGrantsEnabled");
        }
        if (Boolean.TRUE.equals(client.isBearerOnly())) {
            deviations.add("bearerOnly");
        }
        return deviations;
    }
}
