package de.dvc.iam.config.keycloak;

import de.dvc.iam.config.model.DirectorySpec;
import de.dvc.iam.config.model.IdpSpec;
import de.dvc.iam.config.model.Origin;
import de.dvc.iam.config.model.Protocol;
import de.dvc.iam.config.model.SecretReference;
import de.dvc.iam.config.state.ObjectKind;
import de.dvc.iam.config.state.Ownership;
import de.dvc.iam.config.state.ServerIdp;
import de.dvc.iam.config.state.Unreadable;
import de.dvc.iam.core.registration.RegistrationState;
import org.keycloak.representations.idm.IdentityProviderMapperRepresentation;
import org.keycloak.representations.idm.IdentityProviderRepresentation;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An identity provider of the server read back as an agency IdP. For IdPs apply created, the source fields are what
 * it recorded ({@code dvc.config.*}); for others what Keycloak shows: the metadata URL it imported from
 * ({@code metadataDescriptorUrl}), the entityID and issuer it parsed, the domain it binds ({@code kc.org.domain}, or
 * a registration's declared domains), enabled meaning active. An agency directory ({@code dvc-ldap}) reads its settings;
 * its bind secret only as a reference (a vault expression, or what apply recorded), never as the value. Stateless.
 */
final class IdpReading {

    private IdpReading() {
    }

    static Reading read(IdentityProviderRepresentation idp, List<IdentityProviderMapperRepresentation> mappers,
                        Map<String, String> agencyOfOrganization) {
        Map<String, String> config = idp.getConfig() == null ? Map.of() : idp.getConfig();
        Ownership ownership = Managed.ofConfig(config);
        String alias = idp.getAlias();
        boolean ldap = DirectoryMapping.PROVIDER_ID.equals(idp.getProviderId());
        if (!"saml".equals(idp.getProviderId()) && !"oidc".equals(idp.getProviderId()) && !ldap) {
            return unreadable(alias, ownership, "its provider type '" + idp.getProviderId()
                    + "' is not one federation files describe (saml, oidc, " + DirectoryMapping.PROVIDER_ID + ")");
        }
        Protocol protocol = ldap ? Protocol.LDAP : Protocol.of(idp.getProviderId());
        boolean owned = ownership.owned();
        ProfileMapping.Profile profile;
        RegistrationState lifecycle;
        Optional<DirectorySpec> directory;
        try {
            profile = ProfileMapping.read(ProfileMapping.find(mappers));
            lifecycle = lifecycle(idp, ownership, config);
            directory = ldap ? Optional.of(DirectoryMapping.read(config, owned ? text(config, Managed.SECRET_REF) : Optional.empty()))
                    : Optional.empty();
        } catch (IllegalArgumentException e) {
            return unreadable(alias, ownership, e.getMessage());
        }
        boolean saml = protocol == Protocol.SAML;
        IdpSpec spec = new IdpSpec(alias, Optional.ofNullable(idp.getDisplayName()).filter(n -> !n.isBlank()), protocol,
                text(config, owned ? Managed.METADATA_URL : saml ? "metadataDescriptorUrl" : null),
                text(config, owned ? Managed.METADATA_FILE : null),
                text(config, owned ? Managed.ENTITY_ID : saml ? "idpEntityId" : null),
                saml || ldap ? Optional.empty() : text(config, "issuer"), saml || ldap ? Optional.empty() : text(config, "clientId"),
                owned && !ldap ? text(config, Managed.SECRET_REF).flatMap(SecretReference::parse) : Optional.empty(),
                Optional.of(domains(ownership, config)), profile.profile(), profile.overrides(), Optional.of(profile.max()),
                Optional.of(profile.table()), lifecycle, Origin.server("identity-providers/" + alias), directory);
        Optional<String> agency = Optional.ofNullable(idp.getOrganizationId()).map(agencyOfOrganization::get);
        return Reading.of(new ServerIdp(spec, agency, ownership, owned ? text(config, Managed.SECRET_PRINT) : Optional.empty(),
                owned ? text(config, Managed.METADATA_SHA) : Optional.empty(),
                IdpMapping.deviations(idp, owned ? Optional.of(lifecycle) : Optional.empty()), alias));
    }

    private static RegistrationState lifecycle(IdentityProviderRepresentation idp, Ownership ownership, Map<String, String> config) {
        String recorded = config.get(ownership == Ownership.REGISTRATION ? Managed.REGISTRATION_STATE : Managed.LIFECYCLE);
        if (ownership != Ownership.HAND_MADE && recorded != null && !recorded.isBlank()) {
            return RegistrationState.fromCode(recorded);
        }
        return idp.isEnabled() ? RegistrationState.ACTIVE : RegistrationState.SUSPENDED;
    }

    /** The domains the IdP may assert: a registration's declared ones, otherwise its listed or its one organization domain. */
    static List<String> domains(Ownership ownership, Map<String, String> config) {
        if (ownership == Ownership.REGISTRATION) {
            return Managed.split(config.get(Managed.REGISTRATION_DOMAINS), ",");
        }
        if (config.containsKey(Managed.ASSERTABLE_DOMAINS)) {
            return Managed.split(config.get(Managed.ASSERTABLE_DOMAINS), ",");
        }
        return Managed.split(config.get(Managed.ORGANIZATION_DOMAIN), ",");
    }

    private static Optional<String> text(Map<String, String> config, String key) {
        return key == null ? Optional.empty() : Optional.ofNullable(config.get(key)).filter(v -> !v.isBlank());
    }

    private static Reading unreadable(String alias, Ownership ownership, String reason) {
        return Reading.unreadable(new Unreadable(ObjectKind.IDP, alias, ownership, reason));
    }
}
