package de.dvc.iam.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.dvc.iam.core.registration.BrokerSettings;
import de.dvc.iam.core.registration.Finding;
import de.dvc.iam.core.registration.ValidationReport;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.IdentityProviderRepresentation;
import org.keycloak.representations.idm.PartialImportRepresentation;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Registrations as a server before the upgrade stored them: the whole registration in the IdP's configuration (keys
 * {@code dvc.registration.*}, as RegistrationMigration reads them), next to the broker configuration Keycloak's own
 * parser makes of the agency's round-0 document (so that a refresh of an unchanged document finds nothing to change)
 * and DVC's broker settings. Created through the admin REST API: a sample one POST each, the rest by partial import.
 */
final class OldFormatRegistrations {

    /**
     * Result of creating the IdPs: how many by which way, the seconds each way took, and the keys for which Keycloak's
     * parser returned null, by shape of document.
     */
    record Created(int posted, double postSeconds, int imported, double importSeconds, int chunk, java.util.Set<String> parserNulls) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CHUNK = 500;

    private final Keycloak admin;
    private final String serverUrl;
    private final AgencyDocuments documents;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Keycloak's parse of a representative document, by shape (saml, saml with the expiring certificate, oidc). */
    private final Map<String, Map<String, String>> parsed = new HashMap<>();
    private final Map<String, Integer> representative = new HashMap<>();
    private final java.util.Set<String> nullValues = new java.util.TreeSet<>();

    OldFormatRegistrations(Keycloak admin, String serverUrl, AgencyDocuments documents) {
        this.admin = admin;
        this.serverUrl = serverUrl;
        this.documents = documents;
    }

    /** Creates IdPs {@code 0 .. count-1}: the first {@code posted} one POST each, the rest by partial import in chunks. */
    Created create(int posted) throws Exception {
        learnParser();
        long began = System.nanoTime();
        for (int i = 0; i < posted; i++) {
            try (var response = admin.realm("dvc").identityProviders().create(idp(i))) {
                if (response.getStatus() != 201) {
                    throw new IllegalStateException("Creating IdP " + AgencyDocuments.alias(i) + " failed: HTTP " + response.getStatus());
                }
            }
        }
        double postSeconds = (System.nanoTime() - began) / 1e9;
        began = System.nanoTime();
        for (int from = posted; from < documents.count(); from += CHUNK) {
            List<IdentityProviderRepresentation> chunk = new ArrayList<>();
            for (int i = from; i < Math.min(documents.count(), from + CHUNK); i++) {
                chunk.add(idp(i));
            }
            PartialImportRepresentation partial = new PartialImportRepresentation();
            partial.setIfResourceExists("FAIL");
            partial.setIdentityProviders(chunk);
            try (var response = admin.realm("dvc").partialImport(partial)) {
                if (response.getStatus() != 200) {
                    throw new IllegalStateException("Partial import of IdPs " + from + "+ failed: HTTP " + response.getStatus() + " "
                            + response.readEntity(String.class));
                }
            }
        }
        return new Created(posted, postSeconds, documents.count() - posted, (System.nanoTime() - began) / 1e9, CHUNK, nullValues);
    }

    /**
     * Asks the server's own parser (admin endpoint import-config) once per shape of document, derives every IdP's broker
     * configuration from it by its number, and checks the derivation against the parser for a few more IdPs.
     */
    private void learnParser() throws Exception {
        for (int i = 0; i < documents.count() && representative.size() < 3; i++) {
            representative.putIfAbsent(shape(i), i);
        }
        for (Map.Entry<String, Integer> entry : representative.entrySet()) {
            parsed.put(entry.getKey(), importConfig(entry.getValue()));
        }
        for (int i : List.of(documents.count() - 1, documents.count() / 2, documents.count() / 3, 26, 53)) {
            if (i >= 0 && i < documents.count() && !importConfig(i).equals(brokerConfig(i))) {
                throw new IllegalStateException("The derived broker configuration of " + AgencyDocuments.alias(i)
                        + " differs from Keycloak's parse: " + brokerConfig(i) + " vs " + importConfig(i));
            }
        }
    }

    private static String shape(int i) {
        return AgencyDocuments.oidc(i) ? "oidc" : AgencyDocuments.expiringCertificate(i) ? "saml-expiring" : "saml";
    }

    /** What Keycloak's parser makes of IdP {@code i}'s round-0 document. */
    private Map<String, String> importConfig(int i) throws Exception {
        String boundary = "bench" + UUID.randomUUID();
        String document = AgencyDocuments.oidc(i) ? documents.discovery(i, 0) : documents.saml(i, 0);
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"providerId\"\r\n\r\n"
                + (AgencyDocuments.oidc(i) ? "oidc" : "saml") + "\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"metadata\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                + document + "\r\n--" + boundary + "--\r\n";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(serverUrl + "/admin/realms/dvc/identity-provider/import-config"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + admin.tokenManager().getAccessTokenString())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("import-config of " + AgencyDocuments.alias(i) + " failed: HTTP " + response.statusCode()
                    + " " + response.body());
        }
        Map<String, String> config = new LinkedHashMap<>(JSON.readValue(response.body(), new TypeReference<Map<String, String>>() { }));
        if (config.containsValue(null)) {
            // the IdP cannot store them; noted, because a refresh compares the parser's values with the IdP's
            nullValues.add(shape(i) + ": " + config.entrySet().stream().filter(e -> e.getValue() == null).map(Map.Entry::getKey).toList());
        }
        config.values().removeIf(java.util.Objects::isNull);
        return config;
    }

    /** IdP {@code i}'s broker configuration: its shape's parse with the representative's number replaced by its own. */
    private Map<String, String> brokerConfig(int i) {
        String shape = shape(i);
        String from = AgencyDocuments.number(representative.get(shape));
        String to = AgencyDocuments.number(i);
        Map<String, String> config = new LinkedHashMap<>();
        parsed.get(shape).forEach((key, value) -> config.put(key, value.replace("agency-" + from, "agency-" + to)
                .replace("/oidc/" + from, "/oidc/" + to)));
        return config;
    }

    /** IdP {@code i} of the old format, active since a month, with four history entries. */
    IdentityProviderRepresentation idp(int i) throws Exception {
        Map<String, String> config = new HashMap<>(brokerConfig(i));
        config.putAll(AgencyDocuments.oidc(i) ? BrokerSettings.oidc("dvc-iam", "secret-" + AgencyDocuments.number(i)) : BrokerSettings.saml());
        config.put("syncMode", "FORCE");
        String agency = AgencyDocuments.agency(i);
        String admin = "admin@" + agency + ".bench.example";
        Instant submitted = Instant.parse("2026-10-01T08:00:00Z").plusSeconds(i * 60L);
        List<String> domains = AgencyDocuments.domains(i);
        config.put("dvc.registration.state", "active");
        config.put("dvc.registration.agency", agency);
        config.put("dvc.registration.submitter", admin);
        config.put("dvc.registration.source", documents.source(i));
        config.put("dvc.registration.domains", String.join(",", domains));
        config.put("dvc.registration.domain-token", UUID.nameUUIDFromBytes(agency.getBytes(StandardCharsets.UTF_8)).toString().replace("-", ""));
        config.put("dvc.registration.domains-proven", domains.get(0));
        config.put("dvc.registration.report", JSON.writeValueAsString(ValidationReport.of(List.of(Finding.warning("attribute_not_offered",
                "Entity 'https://idp.agency-" + AgencyDocuments.number(i) + ".bench.example/idp' declares no attribute for org_unit.",
                "Release org_unit to DVC IAM."))).toMap()));
        config.put("dvc.registration.history", JSON.writeValueAsString(List.of(
                Map.of("time", submitted.toString(), "action", "submit", "to", "validated", "actor", admin, "reason", "validation passed"),
                Map.of("time", submitted.plusSeconds(3600).toString(), "action", "confirm-test", "from", "validated", "to", "tested",
                        "actor", "sandbox login"),
                Map.of("time", submitted.plusSeconds(7200).toString(), "action", "prove-domain", "actor", admin,
                        "reason", domains.get(0) + " proven by DNS TXT"),
                Map.of("time", submitted.plusSeconds(86400).toString(), "action", "approve", "from", "tested", "to", "active",
                        "actor", "operator@bmi.bund.example"))));
        config.put("dvc.registration.refresh-failures", "0");
        config.put("dvc.registration.refresh-last", "2026-11-01T00:00:00Z unchanged");
        IdentityProviderRepresentation idp = new IdentityProviderRepresentation();
        idp.setAlias(AgencyDocuments.alias(i));
        idp.setDisplayName("Behörde " + AgencyDocuments.number(i));
        idp.setProviderId(AgencyDocuments.oidc(i) ? "oidc" : "saml");
        idp.setEnabled(true);
        idp.setHideOnLogin(true);
        idp.setTrustEmail(true);
        idp.setStoreToken(false);
        idp.setConfig(config);
        return idp;
    }
}
