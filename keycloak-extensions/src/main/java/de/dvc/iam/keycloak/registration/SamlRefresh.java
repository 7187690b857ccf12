package de.dvc.iam.keycloak.registration;

import de.dvc.iam.core.registration.Finding;
import de.dvc.iam.core.registration.RefreshSchedule;
import de.dvc.iam.core.registration.ValidationReport;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The refresh of a SAML registration: its metadata fetched again from its https:// source, compared by hash with
 * the last applied document, validated and applied like the agency's own update ({@link SamlMetadataUpdate}).
 * Thread-safe.
 */
final class SamlRefresh {

    private final RegistrationSettings settings;
    private final SamlMetadataUpdate update;

    SamlRefresh(RegistrationSettings settings, SamlMetadataUpdate update) {
        this.settings = settings;
        this.update = update;
    }

    MetadataRefresh.Step refresh(KeycloakSession session, IdentityProviderModel idp, RegistrationRecord record, boolean force,
                                 boolean holdKeyChange, Instant now) {
        List<Finding> findings = new ArrayList<>();
        byte[] xml = IdpDocuments.samlMetadata(settings.http(), record.row().getSource(), findings);
        if (xml == null) {
            return MetadataRefresh.Step.failed(findings.get(0).code());
        }
        String hash = de.dvc.iam.core.crypto.Sha256.ofDocuments(xml);
        if (RefreshSchedule.unchanged(hash, record.row().getDocumentHash(), force, record.row().isKeyChangePending())) {
            return MetadataRefresh.Step.SAME; // the same bytes as last time: no parse, no validation, no write
        }
        ValidationReport report = update.validate(session, idp, xml, now);
        if (!report.valid()) {
            return MetadataRefresh.Step.failed(report.firstError().map(Finding::code).orElse("invalid"));
        }
        return MetadataRefresh.Step.applied(update.apply(session, idp, record, xml, holdKeyChange, "refresh", "metadata refresh")
                .outcome(), hash);
    }
}
