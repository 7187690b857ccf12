package de.dvc.iam.keycloak.registration;

import de.dvc.iam.core.onboarding.RequestProblems;
import de.dvc.iam.keycloak.identity.AgencyProfileConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A registration as submitted (JSON body of {@code POST /realms/dvc/dvc-registrations}), checked for
 * form: {@link RequestProblems.Invalid} names every field that is wrong. Content (metadata, the
 * provider's discovery document) is checked later, into the validation report.
 */
record RegistrationRequest(String agency, String alias, String protocol, String metadataXml, String metadataUrl,
                           String issuer, String clientId, String clientSecret, List<String> domains,
                           Map<String, String> profileSettings, Map<String, Object> directory, String testLogin) {

    private static final Pattern ALIAS = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");
    private static final Pattern DOMAIN = Pattern.compile("(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");
    static final int MAX_METADATA_CHARS = 1024 * 1024;

    /**
     * Reads and checks a submitted registration.
     *
     * @throws RequestProblems.Invalid naming every wrong field (the JSON names: {@code alias}, {@code metadataUrl},
     *                                 {@code issuer}, {@code domains}, …) with its fix, so a form can mark each
     */
    static RegistrationRequest parse(Map<String, Object> body) {
        RequestProblems problems = new RequestProblems();
        String agency = text(body, "agency", problems);
        if (agency == null) {
            problems.add("agency", "Name the agency (its id, e.g. musterstadt).");
        }
        String protocol = Optional.ofNullable(text(body, "protocol", problems)).map(p -> p.toLowerCase(Locale.ROOT)).orElse("");
        String alias = text(body, "alias", problems);
        if (alias == null && agency != null) {
            alias = agency + "-" + protocol;
        }
        if (alias != null && !ALIAS.matcher(alias).matches()) {
            problems.add("alias", "Use 2-63 characters a-z, 0-9 and '-', starting with a letter or digit.");
        }
        String metadataXml = text(body, "metadataXml", problems);
        String metadataUrl = text(body, "metadataUrl", problems);
        String issuer = text(body, "issuer", problems);
        String clientId = text(body, "clientId", problems);
        String clientSecret = text(body, "clientSecret", problems);
        switch (protocol) {
            case "saml" -> {
                if ((metadataXml == null) == (metadataUrl == null)) {
                    problems.add("metadataUrl", "Give exactly one: the URL of your IdP's SAML metadata, or its metadata file.");
                } else if (metadataXml != null && metadataXml.length() > MAX_METADATA_CHARS) {
                    problems.add("metadataXml", "The file is larger than 1 MB; register one IdP's metadata, not an aggregate.");
                }
            }
            case "oidc" -> {
                require(issuer, "issuer", "Give your provider's issuer URL (https://…, as in its discovery document).", problems);
                require(clientId, "clientId", "Give the client ID your provider issued to DVC IAM.", problems);
                require(clientSecret, "clientSecret", "Give the client secret your provider issued to DVC IAM.", problems);
                if (VaultReference.looksLike(clientSecret)) {
                    problems.add("clientSecret", VaultReference.REFUSAL);
                }
                if (clientSecret != null && clientSecret.length() > 1024) {
                    problems.add("clientSecret", "The client secret is longer than 1024 characters; paste only the secret.");
                }
            }
            case "ldap" -> {
                // An agency directory: its settings as iam-core reads them, each problem at "directory.<field>".
                if (!(body.get("directory") instanceof Map<?, ?> settings)) {
                    problems.add("directory", "Give the directory's settings: url, caCertificates, bindDn, bindSecret, baseDn, userFilter, "
                            + "loginAttribute, profile (active-directory or inet-org-person).");
                } else {
                    if (settings.get("bindSecret") instanceof String secret && VaultReference.looksLike(secret)) {
                        problems.add("directory.bindSecret", VaultReference.REFUSAL);
                    }
                    if (Boolean.TRUE.equals(settings.get("insecureForTests"))) {
                        // Plain LDAP carries passwords in clear text: never on an agency's say-so (federation files only).
                        problems.add("directory.insecureForTests", "Plain LDAP is refused here: use ldaps:// (port 636) or ldap:// with startTls.");
                    }
                    try {
                        de.dvc.iam.core.directory.DirectorySettings.parse(stringKeys(settings));
                    } catch (RequestProblems.Invalid e) {
                        e.fields().forEach((field, message) -> problems.add("directory." + field, message));
                    }
                }
            }
            default -> problems.add("protocol", "Choose saml, oidc or ldap.");
        }
        List<String> domains = new ArrayList<>();
        if (!(body.get("domains") instanceof List<?> list) || list.isEmpty()) {
            problems.add("domains", "List the agency's email domains this IdP asserts, e.g. senfin.berlin.example.");
        } else {
            for (Object domain : list) {
                String value = String.valueOf(domain).trim().toLowerCase(Locale.ROOT);
                if (!DOMAIN.matcher(value).matches()) {
                    problems.add("domains", "'" + abbreviate(value) + "' is not a domain name; write it like musterstadt.de.");
                }
                domains.add(value);
            }
        }
        Map<String, Object> directory = body.get("directory") instanceof Map<?, ?> settings ? stringKeys(settings) : null;
        String testLogin = text(body, "testLogin", problems);
        Map<String, String> profile = new LinkedHashMap<>();
        profile.put(AgencyProfileConfig.PROFILE, Optional.ofNullable(text(body, "profile", problems)).orElse(switch (protocol) {
            case "saml" -> "saml-oid";
            case "ldap" -> directory != null && "inet-org-person".equals(directory.get("profile")) ? "ldap-inetorgperson" : "ldap-ad";
            default -> "oidc";
        }));
        putIfPresent(profile, AgencyProfileConfig.OVERRIDES, text(body, "profileOverrides", problems));
        profile.put(AgencyProfileConfig.MAX_ASSURANCE, Optional.ofNullable(text(body, "maxAssurance", problems)).orElse("normal"));
        putIfPresent(profile, AgencyProfileConfig.ACR_TABLE, text(body, "acrTable", problems));
        try {
            AgencyProfileConfig config = AgencyProfileConfig.read(profile);
            if (protocol.equals("ldap") && config.assurance().maximum() != de.dvc.iam.core.assurance.AssuranceLevel.NORMAL) {
                // A directory checks a password and reports no acr: its logins are "normal"; more only by an operator's change.
                problems.add("maxAssurance", "A directory login is a password login: register it with maxAssurance normal.");
            }
            if (de.dvc.iam.core.profile.AttributeProfiles.isDirectory(config.profile()) != protocol.equals("ldap")) {
                problems.add("profile", protocol.equals("ldap") ? "A directory reads ldap-ad or ldap-inetorgperson."
                        : "ldap-ad and ldap-inetorgperson are for agency directories; choose oidc, entra, adfs, saml-oid, pvp or ad.");
            }
        } catch (IllegalArgumentException e) {
            problems.add("profile", e.getMessage());
        }
        problems.throwIfAny();
        return new RegistrationRequest(agency, alias, protocol, metadataXml, metadataUrl, issuer, clientId, clientSecret,
                List.copyOf(domains), profile, directory, testLogin);
    }

    /** What the registration names as its source (never a secret). */
    String source() {
        return switch (protocol) {
            case "saml" -> metadataUrl != null ? metadataUrl : "metadata XML";
            case "ldap" -> String.valueOf(directory.get("url"));
            default -> issuer;
        };
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(String.valueOf(k), v));
        return copy;
    }

    private static void require(String value, String field, String fix, RequestProblems problems) {
        if (value == null) {
            problems.add(field, fix);
        }
    }

    /** A string field, blank as absent; any other JSON type is a problem at that field. */
    private static String text(Map<String, Object> body, String field, RequestProblems problems) {
        Object value = body.get(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            problems.add(field, field + " must be a string.");
            return null;
        }
        return text.isBlank() ? null : text.trim();
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
