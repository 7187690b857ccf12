package de.dvc.iam.keycloak.registration;

import de.dvc.iam.keycloak.identity.AgencyProfileConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A registration as submitted (JSON body of {@code POST /realms/dvc/dvc-registrations}), checked for
 * form: an {@link IllegalArgumentException} names the field that is wrong. Content (metadata, the
 * provider's discovery document) is checked later, into the validation report.
 */
record RegistrationRequest(String agency, String alias, String protocol, String metadataXml, String metadataUrl,
                           String issuer, String clientId, String clientSecret, List<String> domains,
                           Map<String, String> profileSettings) {

    private static final Pattern ALIAS = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");
    private static final Pattern DOMAIN = Pattern.compile("(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");
    static final int MAX_METADATA_CHARS = 1024 * 1024;

    static RegistrationRequest parse(Map<String, Object> body) {
        String agency = required(body, "agency");
        String protocol = required(body, "protocol").toLowerCase(Locale.ROOT);
        String alias = optional(body, "alias");
        if (alias == null) {
            alias = agency + "-" + protocol;
        }
        if (!ALIAS.matcher(alias).matches()) {
            throw new IllegalArgumentException("alias must be 2-63 characters a-z, 0-9 and '-', starting with a letter or digit.");
        }
        String metadataXml = optional(body, "metadataXml");
        String metadataUrl = optional(body, "metadataUrl");
        String issuer = optional(body, "issuer");
        String clientId = optional(body, "clientId");
        String clientSecret = optional(body, "clientSecret");
        switch (protocol) {
            case "saml" -> {
                if ((metadataXml == null) == (metadataUrl == null)) {
                    throw new IllegalArgumentException("A SAML registration needs exactly one of metadataXml or metadataUrl.");
                }
                if (metadataXml != null && metadataXml.length() > MAX_METADATA_CHARS) {
                    throw new IllegalArgumentException("metadataXml is larger than 1 MB; register one IdP's metadata, not an aggregate.");
                }
            }
            case "oidc" -> {
                if (issuer == null || clientId == null || clientSecret == null) {
                    throw new IllegalArgumentException("An OIDC registration needs issuer, clientId and clientSecret.");
                }
            }
            default -> throw new IllegalArgumentException("protocol must be saml or oidc.");
        }
        List<String> domains = new ArrayList<>();
        if (!(body.get("domains") instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalArgumentException("domains must list the agency's email domains, e.g. [\"senfin.berlin.example\"].");
        }
        for (Object domain : list) {
            String value = String.valueOf(domain).trim().toLowerCase(Locale.ROOT);
            if (!DOMAIN.matcher(value).matches()) {
                throw new IllegalArgumentException("'" + abbreviate(value) + "' is not a domain name.");
            }
            domains.add(value);
        }
        Map<String, String> profile = new LinkedHashMap<>();
        profile.put(AgencyProfileConfig.PROFILE, optionalOr(body, "profile", protocol.equals("saml") ? "saml-oid" : "oidc"));
        putIfPresent(profile, AgencyProfileConfig.OVERRIDES, optional(body, "profileOverrides"));
        profile.put(AgencyProfileConfig.MAX_ASSURANCE, optionalOr(body, "maxAssurance", "normal"));
        putIfPresent(profile, AgencyProfileConfig.ACR_TABLE, optional(body, "acrTable"));
        try {
            AgencyProfileConfig.read(profile);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("profile: " + e.getMessage());
        }
        return new RegistrationRequest(agency, alias, protocol, metadataXml, metadataUrl, issuer, clientId, clientSecret,
                List.copyOf(domains), profile);
    }

    /** What the registration names as its source (never a secret). */
    String source() {
        return protocol.equals("saml") ? (metadataUrl != null ? metadataUrl : "metadata XML") : issuer;
    }

    private static String required(Map<String, Object> body, String field) {
        String value = optional(body, field);
        if (value == null) {
            throw new IllegalArgumentException(field + " is required.");
        }
        return value;
    }

    private static String optional(Map<String, Object> body, String field) {
        Object value = body.get(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw new IllegalArgumentException(field + " must be a string.");
        }
        return text.isBlank() ? null : text.trim();
    }

    private static String optionalOr(Map<String, Object> body, String field, String fallback) {
        String value = optional(body, field);
        return value == null ? fallback : value;
    }

    private static void putIfPresent(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static String abbreviate(String value) {
        return value.length() > 80 ? value.substring(0, 80) + "…" : value;
    }
}
