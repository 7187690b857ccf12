package de.dvc.iam.keycloak.registration;

import de.dvc.iam.keycloak.identity.AgencyProfileConfig;
import de.dvc.iam.keycloak.identity.AgencyProfileMapper;
import org.keycloak.models.IdentityProviderMapperModel;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Base64;
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
        trust.put("assertableDomains", new RegistrationRecord(idp).approvedProvenDomains().stream().sorted().toList());
        Map<String, String> config = idp.getConfig();
        if ("saml".equals(idp.getProviderId())) {
            trust.put("entityId", config.get("idpEntityId"));
            trust.put("signingCertificates", certificates(config.get("signingCertificate")));
            trust.put("nameIdFormat", config.get("nameIDPolicyFormat"));
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

    /** Subject, expiry and key strength of each signing certificate (Keycloak's config: base64 DER, comma-separated). */
    private static List<Map<String, Object>> certificates(String encoded) {
        List<Map<String, Object>> certificates = new ArrayList<>();
        if (encoded == null || encoded.isBlank()) {
            return certificates;
        }
        for (String one : encoded.split(",")) {
            Map<String, Object> view = new LinkedHashMap<>();
            try {
                X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(Base64.getMimeDecoder().decode(one.trim())));
                view.put("subject", certificate.getSubjectX500Principal().getName());
                view.put("notAfter", certificate.getNotAfter().toInstant().toString());
                view.put("signatureAlgorithm", certificate.getSigAlgName());
                if (certificate.getPublicKey() instanceof RSAPublicKey rsa) {
                    view.put("key", "RSA " + rsa.getModulus().bitLength());
                } else if (certificate.getPublicKey() instanceof ECPublicKey ec) {
                    view.put("key", "EC " + ec.getParams().getCurve().getField().getFieldSize());
                } else {
                    view.put("key", certificate.getPublicKey().getAlgorithm());
                }
            } catch (CertificateException | IllegalArgumentException e) {
                view.put("error", "not a readable X.509 certificate");
            }
            certificates.add(view);
        }
        return certificates;
    }
}
