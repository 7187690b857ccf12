package de.dvc.iam.keycloak.registration;

import de.dvc.iam.core.registration.Finding;
import de.dvc.iam.core.registration.Principal;
import de.dvc.iam.core.registration.RegistrationAction;
import de.dvc.iam.core.registration.RegistrationState;
import de.dvc.iam.core.registration.ValidationReport;
import de.dvc.iam.keycloak.registration.RegistrationService.Result;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;

import java.util.List;
import java.util.Map;

/**
 * Changes to what a registration brokers with, by its agency's admins or operators: new SAML metadata
 * and a new OIDC client secret. Invalid input changes nothing (the resource rolls the request back).
 */
final class RegistrationUpdates {

    private final KeycloakSession session;
    private final RegistrationSettings settings;

    RegistrationUpdates(KeycloakSession session, RegistrationSettings settings) {
        this.session = session;
        this.settings = settings;
    }

    /**
     * New SAML metadata (XML, or a URL the refresh follows from now on), validated like a new registration
     * with the IdP's profile; the entityID must stay. Errors: 422 with the report, nothing changes. A
     * signing key change that the federation holds for approval is applied only by an operator.
     */
    Result updateMetadata(Principal principal, String alias, Map<String, Object> body, MetadataRefresh refresh) {
        RegistrationService.Lookup found = updatable(principal, alias, "saml",
                "Only SAML registrations have metadata; an OIDC provider's discovery is refreshed from its issuer.");
        if (found.refusal() != null) {
            return found.refusal();
        }
        IdentityProviderModel idp = found.idp();
        RegistrationRecord record = found.record();
        Object xmlValue = body.get("metadataXml");
        Object urlValue = body.get("metadataUrl");
        if ((xmlValue == null) == (urlValue == null) || !(xmlValue == null || xmlValue instanceof String)
                || !(urlValue == null || urlValue instanceof String)) {
            return Result.fields(400, "invalid_request", "Send exactly one of metadataXml or metadataUrl (strings).",
                    Map.of("metadataUrl", "Give exactly one: the URL of your IdP's SAML metadata, or its metadata file."));
        }
        if (xmlValue != null && ((String) xmlValue).length() > RegistrationRequest.MAX_METADATA_CHARS) {
            return Result.fields(400, "invalid_request", "metadataXml is larger than 1 MB; send one IdP's metadata, not an aggregate.",
                    Map.of("metadataXml", "The file is larger than 1 MB; send one IdP's metadata, not an aggregate."));
        }
        java.time.Instant now = java.time.Instant.now();
        List<Finding> findings = new java.util.ArrayList<>();
        byte[] xml = urlValue != null ? IdpDocuments.samlMetadata(settings.http(), (String) urlValue, findings)
                : ((String) xmlValue).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (xml != null) {
            findings.addAll(refresh.samlMetadata().validate(session, idp, xml, now).findings());
        }
        ValidationReport report = ValidationReport.of(findings);
        if (!report.valid()) {
            return new Result(422, Map.of("error", "invalid_metadata", "message",
                    "The metadata has errors; the registration was not changed. See the report.", "report", report.toMap(),
                    "fields", de.dvc.iam.core.registration.ReportFields.of(report, "saml", urlValue != null)));
        }
        // An operator's update accepts a key change the federation holds for approval; an agency admin's does not.
        de.dvc.iam.core.registration.RefreshOutcome outcome = refresh.samlMetadata().apply(session, idp, record, xml,
                refresh.policy(session.getContext().getRealm()).rules().holdsKeyChange(principal.operator()), "update-metadata",
                principal.id()).outcome();
        if (outcome == de.dvc.iam.core.registration.RefreshOutcome.KEY_CHANGE_PENDING) {
            return Result.error(409, "key_change_needs_operator", "The new metadata changes the signing key, which this federation "
                    + "lets only a federation operator apply; nothing was changed. Ask the operators to apply it.");
        }
        String source = urlValue != null ? (String) urlValue : "metadata XML";
        if (!source.equals(record.source())) {
            record.source(source);
            record.note("update-metadata", principal.id(), "metadata source: " + source);
        }
        // The next refresh fetches the (new) source at once and parses it in full.
        record.row().setRefreshFailures(0);
        record.row().setNextRefresh(0);
        record.row().setDocumentHash(null);
        record.row().setCertificateExpiry(RegistrationRecord.certificateExpiry(idp));
        session.identityProviders().update(idp);
        Map<String, Object> answer = RegistrationService.storedView(session, alias);
        answer.put("update", outcome.code());
        answer.put("updateReport", report.toMap());
        return new Result(200, answer);
    }

    /** A new client secret for a registered OIDC provider (never shown again, noted in the history without its value). */
    Result updateClientSecret(Principal principal, String alias, Object secret) {
        RegistrationService.Lookup found = updatable(principal, alias, "oidc", "Only OIDC registrations have a client secret.");
        if (found.refusal() != null) {
            return found.refusal();
        }
        if (secret instanceof String value && VaultReference.looksLike(value)) {
            return Result.fields(400, "invalid_request", VaultReference.REFUSAL, Map.of("clientSecret", VaultReference.REFUSAL));
        }
        if (!(secret instanceof String value) || value.isBlank() || value.length() > 1024) {
            return Result.fields(400, "invalid_request", "Send clientSecret: the secret your provider issued to DVC IAM (1 to 1024 characters).",
                    Map.of("clientSecret", "Give the secret your provider issued to DVC IAM (1 to 1024 characters)."));
        }
        IdentityProviderModel idp = found.idp();
        idp.getConfig().put("clientSecret", value);
        found.record().note("update-client-secret", principal.id(), "client secret replaced");
        session.identityProviders().update(idp);
        return new Result(200, RegistrationService.storedView(session, alias));
    }

    /**
     * New settings for an agency directory (the whole {@code directory} object; without {@code bindSecret} the stored one
     * stays): checked like a new registration (by field, then bind, base DN and the test account), else nothing changes.
     * A new bind secret, timeouts and pool size are the agency admins' to change; what decides whom the directory vouches
     * for (URL, CA, base DN, filter, login attribute, profile, group roles) only an operator's.
     */
    Result updateDirectory(Principal principal, String alias, Map<String, Object> body) {
        RegistrationService.Lookup found = updatable(principal, alias, de.dvc.iam.keycloak.directory.DirectoryIdentityProviderFactory.PROVIDER_ID,
                "Only agency directories have directory settings.");
        if (found.refusal() != null) {
            return found.refusal();
        }
        IdentityProviderModel idp = found.idp();
        if (!(body.get("directory") instanceof Map<?, ?> submitted)) {
            return Result.fields(400, "invalid_request", "Send the directory's settings as \"directory\".",
                    Map.of("directory", "Send the directory's settings (url, caCertificates, bindDn, baseDn, …; bindSecret only to replace it)."));
        }
        Map<String, Object> wanted = new java.util.LinkedHashMap<>();
        submitted.forEach((k, v) -> wanted.put(String.valueOf(k), v));
        if (wanted.get("bindSecret") instanceof String secret && VaultReference.looksLike(secret)) {
            return Result.fields(400, "invalid_request", VaultReference.REFUSAL, Map.of("directory.bindSecret", VaultReference.REFUSAL));
        }
        if (Boolean.TRUE.equals(wanted.get("insecureForTests"))) {
            return Result.fields(400, "invalid_request", "Plain LDAP is refused.",
                    Map.of("directory.insecureForTests", "Plain LDAP is refused here: use ldaps:// (port 636) or ldap:// with startTls."));
        }
        de.dvc.iam.core.directory.DirectorySettingsChange change = de.dvc.iam.core.directory.DirectorySettingsChange.between(
                de.dvc.iam.keycloak.directory.DirectoryConfig.submitted(idp), wanted);
        boolean newSecret = change.newSecret();
        if (!principal.operator() && !change.operatorOnly().isEmpty()) {
            return Result.error(409, "directory_change_needs_operator", "Changing " + String.join(", ", change.operatorOnly())
                    + " changes whom the directory vouches for: ask the federation operators. You may replace the bind secret and change"
                    + " timeouts and pool size.");
        }
        Map<String, Object> checked = new java.util.LinkedHashMap<>(wanted);
        if (!newSecret) {
            String secret = idp.getConfig().get(de.dvc.iam.keycloak.directory.DirectoryConfig.BIND_SECRET);
            checked.put("bindSecret", secret == null ? null : session.vault().getStringSecret(secret).get().orElse(secret));
        }
        de.dvc.iam.core.directory.DirectorySettings parsed;
        try {
            parsed = de.dvc.iam.core.directory.DirectorySettings.parse(checked);
        } catch (de.dvc.iam.core.onboarding.RequestProblems.Invalid e) {
            Map<String, String> fields = new java.util.LinkedHashMap<>();
            e.fields().forEach((field, message) -> fields.put("directory." + field, message));
            return Result.fields(400, "invalid_request", e.getMessage(), fields);
        }
        String testLogin = body.get("testLogin") instanceof String login && !login.isBlank() ? login.strip()
                : idp.getConfig().get(de.dvc.iam.keycloak.directory.DirectoryConfig.TEST_LOGIN);
        de.dvc.iam.core.directory.DirectoryValidation.Result validation = de.dvc.iam.core.directory.DirectoryValidation.validate(alias, parsed,
                de.dvc.iam.keycloak.directory.DirectoryIdentityProviderFactory.clientsOf(session).guard(), testLogin,
                de.dvc.iam.keycloak.identity.AgencyProfileConfig.ofIdp(session, alias).map(c -> c.profile()).orElse(parsed.profile().contractProfile()),
                java.time.Instant.now());
        if (!validation.report().valid()) {
            return new Result(422, Map.of("error", "invalid_directory", "message", "The settings have errors; the registration was not "
                    + "changed. See the report.", "report", validation.report().toMap(),
                    "fields", de.dvc.iam.core.registration.ReportFields.of(validation.report(), "ldap", false)));
        }
        Map<String, Object> written = new java.util.LinkedHashMap<>(wanted);
        written.remove("bindSecret");
        de.dvc.iam.keycloak.directory.DirectoryConfig.write(idp.getConfig(), written);
        if (newSecret) {
            idp.getConfig().put(de.dvc.iam.keycloak.directory.DirectoryConfig.BIND_SECRET, (String) wanted.get("bindSecret"));
        }
        if (body.get("testLogin") instanceof String login && !login.isBlank()) {
            idp.getConfig().put(de.dvc.iam.keycloak.directory.DirectoryConfig.TEST_LOGIN, login.strip());
        }
        found.record().note("update-directory", principal.id(), change.note());
        session.identityProviders().update(idp);
        Map<String, Object> answer = RegistrationService.storedView(session, alias);
        validation.preview().ifPresent(preview -> answer.put("preview", preview));
        return new Result(200, answer);
    }

    /** Registration {@code alias} of {@code protocol} if {@code principal} may change it now, or why not. */
    private RegistrationService.Lookup updatable(Principal principal, String alias, String protocol, String wrongProtocol) {
        RegistrationService.Lookup found = RegistrationService.lookup(session, principal, alias, RegistrationAction.UPDATE);
        if (found.refusal() != null) {
            return found;
        }
        if (!protocol.equals(found.idp().getProviderId())) {
            return new RegistrationService.Lookup(null, Result.error(409, "conflict", wrongProtocol), session);
        }
        if (found.record().state() == RegistrationState.RETIRED) {
            return new RegistrationService.Lookup(null, Result.error(409, "conflict", "The registration is retired; register the IdP anew."), session);
        }
        return found;
    }
}
