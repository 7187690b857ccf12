package de.dvc.iam.keycloak.registration;

import de.dvc.iam.keycloak.identity.AgencyProfileConfig;
import de.dvc.iam.keycloak.identity.AgencyProfileMapper;
import org.keycloak.models.IdentityProviderMapperModel;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every trust-relevant setting of a registration, as the approving operator must see it: the maximum
 * assurance, the acr table and the profile with its overrides that the agency declared, the domains it
 * may assert, the signing certificates with their key strength, and the endpoints the server calls.
 * Four-eyes approval means approving what is shown here.
 */
final class TrustView {

    private TrustView() {
    }

    static Map<String, Object> of(KeycloakSession session, IdentityProviderModel idp) {
        Map<String, Object> trust = new LinkedHashMap<>();
        Map<String, String> profile = session.identityProviders().getMappersByAliasStream(idp.getAlias())
                .filter(m -> AgencyProfileMapper.PROVIDER_ID.equals(m.getIdentityProviderMapper()))
                .map(IdentityProviderMapperModel::getConfig).findFirst().orElse(Map.of());
        trust.put("profile", profile.getOrDefault(AgencyProfileConfig.PROFILE, null));
        trust.put("profileOverrides", lines(profile.get(AgencyProfileConfig.OVERRIDES)));
        trust.put("maxAssurance", profile.getOrDefault(AgencyProfileConfig.MAX_ASSURANCE, null));
        trust.put("acrTable", lines(profile.get(AgencyProfileConfig.ACR_TABLE)));
        trust.put("assertableDomains", RegistrationRecord.projectedAssertable(idp).stream().sorted().toList());
        Map<String, String> config = idp.getConfig();
        if ("saml".equals(idp.getProviderId())) {
            trust.put("entityId", config.get("idpEntityId"));
            trust.put("signingCertificates", de.dvc.iam.core.registration.SigningCertificates.summaries(config.get("signingCertificate")));
            trust.put("nameIdFormat", config.get("nameIDPolicyFormat"));
        } else if (de.dvc.iam.keycloak.directory.DirectoryIdentityProviderFactory.PROVIDER_ID.equals(idp.getProviderId())) {
            Map<String, Object> directory = new LinkedHashMap<>(de.dvc.iam.keycloak.directory.DirectoryConfig.submitted(idp));
            directory.remove("bindSecret"); // never stored there; never shown anyway
            trust.put("directory", directory);
        } else {
            trust.put("issuer", config.get("issuer"));
            Map<String, String> endpoints = new LinkedHashMap<>();
            for (String key : List.of("tokenUrl", "userInfoUrl", "jwksUrl", "logoutUrl")) {
                if (config.get(key) != null) {
                    endpoints.put(key, config.get(key));
                }
            }
            trust.put("serverCalledEndpoints", endpoints);
        }
        return trust;
    }

    private static List<String> lines(String value) {
        return value == null || value.isBlank() ? List.of() : value.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }
}
