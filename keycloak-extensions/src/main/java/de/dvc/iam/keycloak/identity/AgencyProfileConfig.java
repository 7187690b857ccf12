package de.dvc.iam.keycloak.identity;

import de.dvc.iam.core.assurance.IdpAssurance;
import de.dvc.iam.core.profile.AttributeProfile;
import de.dvc.iam.core.profile.AttributeProfiles;
import de.dvc.iam.core.profile.ProfileOverrides;
import org.keycloak.models.IdentityProviderMapperModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings of an agency IdP's {@link AgencyProfileMapper}, declared once for the admin UI and
 * read typed. Reading fails with a message naming the setting, so bad settings are refused when
 * saved and a login through a broken IdP is refused rather than half-mapped.
 *
 * @param profile   the attribute profile with this IdP's overrides applied
 * @param assurance the IdP's maximum level and acr table
 */
public record AgencyProfileConfig(AttributeProfile profile, IdpAssurance assurance) {

    public static final String PROFILE = "profile";
    public static final String OVERRIDES = "profile.overrides";
    public static final String MAX_ASSURANCE = "assurance.max";
    public static final String ACR_TABLE = "assurance.table";

    static final List<ProviderConfigProperty> PROPERTIES = ProviderConfigurationBuilder.create()
            .property().name(PROFILE).label("Attribute profile")
            .helpText("How this IdP writes a person: oidc, entra, adfs, saml-oid, pvp or ad (docs/claims.md).")
            .type(ProviderConfigProperty.LIST_TYPE)
            .options(AttributeProfiles.ALL.stream().map(AttributeProfile::name).toList())
            .defaultValue("oidc").add()
            .property().name(OVERRIDES).label("Profile overrides")
            .helpText("One per line: 'org_unit.code = urn:oid:…', 'required = given_name, family_name, email', 'roles.syntax = pvp'.")
            .type(ProviderConfigProperty.TEXT_TYPE).add()
            .property().name(MAX_ASSURANCE).label("Maximum assurance level")
            .helpText("The highest level this IdP is registered for: normal, substantiell or hoch. Tokens never claim more.")
            .type(ProviderConfigProperty.LIST_TYPE).options("normal", "substantiell", "hoch")
            .defaultValue("normal").add()
            .property().name(ACR_TABLE).label("Assurance table")
            .helpText("One per line: '<AuthnContextClassRef or acr the IdP reports> = normal|substantiell|hoch'. eIDAS URIs are known.")
            .type(ProviderConfigProperty.TEXT_TYPE).add()
            .build();

    /**
     * @throws IllegalArgumentException naming the setting and what is wrong
     */
    public static AgencyProfileConfig read(Map<String, String> config) {
        AttributeProfile base = AttributeProfiles.named(config.getOrDefault(PROFILE, "oidc"));
        AttributeProfile profile = ProfileOverrides.apply(base, config.get(OVERRIDES));
        IdpAssurance assurance = IdpAssurance.parse(config.get(MAX_ASSURANCE), config.get(ACR_TABLE));
        return new AgencyProfileConfig(profile, assurance);
    }

    /** The settings of the profile mapper of IdP {@code alias}; empty if it has none or they are broken. */
    public static Optional<AgencyProfileConfig> ofIdp(KeycloakSession session, String alias) {
        return session.identityProviders().getMappersByAliasStream(alias)
                .filter(m -> AgencyProfileMapper.PROVIDER_ID.equals(m.getIdentityProviderMapper()))
                .findFirst().map(IdentityProviderMapperModel::getConfig)
                .flatMap(config -> {
                    try {
                        return Optional.of(read(config));
                    } catch (IllegalArgumentException e) {
                        return Optional.empty();
                    }
                });
    }
}
