package de.dvc.iam.config.keycloak;

import de.dvc.iam.config.model.IdpSpec;
import de.dvc.iam.config.model.Protocol;
import de.dvc.iam.config.state.DesiredIdp;
import de.dvc.iam.core.registration.BrokerSettings;
import de.dvc.iam.core.registration.RegistrationState;
import org.keycloak.representations.idm.IdentityProviderRepresentation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An agency IdP as a Keycloak identity provider, complete and fail-closed as the registration API makes them
 * (keycloak-extensions {@code RegistrationService}): the settings its metadata or discovery document gives, DVC's
 * {@link BrokerSettings} over them, trust in its email (domain binding limits it), hidden from Keycloak's login page
 * (DVC's discovery lists agencies), the DVC first-login flow, updated from every login; enabled only when
 * {@code active}. An agency directory is a {@code dvc-ldap} IdP with its settings in its config ({@link DirectoryMapping}).
 * Stateless.
 */
final class IdpMapping {

    private IdpMapping() {
    }

    /**
     * The IdP to create or update.
     *
     * @param current  the IdP as it is (an update: its internal id, organization link and other settings stay), or empty
     * @param source   the settings from its metadata or discovery (fetched now), or empty to keep the current ones
     * @param secret   OIDC, LDAP (env: or file:): the secret to set, or empty to keep the stored one
     * @param print    the fingerprint to record for the secret
     */
    static IdentityProviderRepresentation of(DesiredIdp desired, Optional<IdentityProviderRepresentation> current,
                                             Optional<Map<String, String>> source, Optional<String> secret, Optional<String> print) {
        IdpSpec spec = desired.spec();
        IdentityProviderRepresentation idp = new IdentityProviderRepresentation();
        current.ifPresent(c -> {
            idp.setInternalId(c.getInternalId());
            idp.setOrganizationId(c.getOrganizationId());
            idp.setPostBrokerLoginFlowAlias(c.getPostBrokerLoginFlowAlias());
        });
        idp.setAlias(spec.alias());
        idp.setDisplayName(spec.displayName().orElse(null));
        idp.setProviderId(providerId(spec.protocol()));
        idp.setEnabled(spec.lifecycle() == RegistrationState.ACTIVE);
        idp.setTrustEmail(true);
        idp.setHideOnLogin(true);
        idp.setStoreToken(false);
        idp.setLinkOnly(false);
        idp.setFirstBrokerLoginFlowAlias(Managed.FIRST_LOGIN_FLOW);
        Map<String, String> config = new HashMap<>(source.or(() -> current.map(IdentityProviderRepresentation::getConfig))
                .orElse(Map.of()));
        if (spec.protocol() == Protocol.LDAP) {
            // no broker settings: DVC's own login asks the directory (keycloak-extensions DirectoryIdentityProvider)
            DirectoryMapping.write(spec.directory().orElseThrow(), secret, config);
        } else {
            config.putAll(spec.protocol() == Protocol.SAML ? BrokerSettings.saml()
                    : BrokerSettings.oidc(spec.clientId().orElse(""), secret.orElse(Managed.MASK)));
        }
        config.put("syncMode", "FORCE");
        List<String> domains = spec.domains().orElse(List.of());
        put(config, Managed.ORGANIZATION_DOMAIN, domains.size() == 1 ? Optional.of(domains.get(0)) : Optional.empty());
        // several: the server's domain binding reads them from here (Keycloak's kc.org.domain holds one)
        put(config, Managed.ASSERTABLE_DOMAINS, domains.size() > 1
                ? Optional.of(String.join(",", new java.util.TreeSet<>(domains))) : Optional.empty());
        config.put(Managed.MARKER, Managed.VALUE);
        config.put(Managed.LIFECYCLE, spec.lifecycle().code());
        put(config, Managed.METADATA_URL, spec.metadataUrl());
        put(config, Managed.METADATA_FILE, desired.metadataFile().map(f -> f.path()));
        put(config, Managed.METADATA_SHA, desired.metadataFile().map(f -> f.sha256()));
        put(config, Managed.ENTITY_ID, spec.entityId());
        put(config, Managed.SECRET_REF, spec.secretReference().map(r -> r.reference()));
        put(config, Managed.SECRET_PRINT, spec.secretReference().isPresent() ? print : Optional.empty());
        idp.setConfig(config);
        return idp;
    }

    /** The Keycloak IdP type of a protocol: saml, oidc, or DVC's agency directory. */
    static String providerId(Protocol protocol) {
        return protocol == Protocol.LDAP ? DirectoryMapping.PROVIDER_ID : protocol.code();
    }

    private static void put(Map<String, String> config, String key, Optional<String> value) {
        if (value.isPresent()) {
            config.put(key, value.get());
        } else {
            config.remove(key);
        }
    }

    /** Whether writing {@code wanted} over {@code current} would change nothing (then apply does not write it). */
    static boolean same(IdentityProviderRepresentation wanted, IdentityProviderRepresentation current) {
        return Objects.equals(wanted.getConfig(), current.getConfig()) && Objects.equals(wanted.getDisplayName(), current.getDisplayName())
                && wanted.isEnabled() == current.isEnabled() && Objects.equals(wanted.isTrustEmail(), current.isTrustEmail())
                && Objects.equals(wanted.isHideOnLogin(), current.isHideOnLogin())
                && Objects.equals(wanted.isStoreToken(), current.isStoreToken()) && Objects.equals(wanted.isLinkOnly(), current.isLinkOnly())
                && Objects.equals(wanted.getFirstBrokerLoginFlowAlias(), current.getFirstBrokerLoginFlowAlias());
    }

    /** The settings DVC requires that {@code idp} does not have, by name (empty: it has them all). */
    static List<String> deviations(IdentityProviderRepresentation idp, Optional<RegistrationState> owned) {
        Map<String, String> config = idp.getConfig() == null ? Map.of() : idp.getConfig();
        List<String> deviations = new ArrayList<>();
        Map<String, String> required = new HashMap<>("saml".equals(idp.getProviderId()) ? BrokerSettings.saml()
                : DirectoryMapping.PROVIDER_ID.equals(idp.getProviderId()) ? Map.of() : BrokerSettings.oidc("", ""));
        required.remove("clientId");
        required.remove("clientSecret");
        required.put("syncMode", "FORCE");
        required.forEach((key, value) -> {
            if (!value.equals(config.getOrDefault(key, ""))) {
                deviations.add(key);
            }
        });
        if (!Boolean.TRUE.equals(idp.isTrustEmail())) {
            deviations.add("trustEmail");
        }
        if (!Boolean.TRUE.equals(idp.isHideOnLogin())) {
            deviations.add("hideOnLogin");
        }
        if (!Objects.equals(Managed.FIRST_LOGIN_FLOW, idp.getFirstBrokerLoginFlowAlias())) {
            deviations.add("firstBrokerLoginFlowAlias");
        }
        owned.filter(lifecycle -> idp.isEnabled() != (lifecycle == RegistrationState.ACTIVE)).ifPresent(l -> deviations.add("enabled"));
        deviations.sort(null);
        return deviations;
    }
}
