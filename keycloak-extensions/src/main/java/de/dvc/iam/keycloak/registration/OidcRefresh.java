package de.dvc.iam.keycloak.registration;

import de.dvc.iam.core.registration.Finding;
import de.dvc.iam.core.registration.MetadataChange;
import de.dvc.iam.core.registration.OidcDiscoveryValidator;
import de.dvc.iam.core.registration.RefreshOutcome;
import de.dvc.iam.core.registration.RefreshSchedule;
import de.dvc.iam.core.registration.ValidationReport;
import org.keycloak.broker.provider.IdentityProvider;
import org.keycloak.broker.provider.IdentityProviderFactory;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;

import java.util.Map;

/**
 * The refresh of an OIDC registration: discovery and JWKS fetched through the guarded client as at registration
 * ({@link IdpDocuments#oidcDiscovery}), compared by hash with the last ones, validated, and changed endpoints applied
 * ({@link MetadataChange#applyEndpoints}); client settings stay as registered. Keycloak fetches the JWKS itself for
 * signature checks (key rotation); this refresh makes a weak or broken key set visible (failure events) rather than
 * replacing that fetch. Thread-safe.
 */
final class OidcRefresh {

    private final RegistrationSettings settings;

    OidcRefresh(RegistrationSettings settings) {
        this.settings = settings;
    }

    MetadataRefresh.Step refresh(KeycloakSession session, IdentityProviderModel idp, RegistrationRecord record, boolean force) {
        String issuer = record.row().getSource();
        IdpDocuments.Discovery fetched = IdpDocuments.oidcDiscovery(settings.http(), issuer);
        if (fetched.problem() != null) {
            return MetadataRefresh.Step.failed(fetched.problem().code());
        }
        String hash = fetched.hash();
        if (RefreshSchedule.unchanged(hash, record.row().getDocumentHash(), force, false)) {
            return MetadataRefresh.Step.SAME; // discovery and key set as last time: nothing to validate or write
        }
        ValidationReport report = new OidcDiscoveryValidator(settings.http()::refusal)
                .validate(issuer, fetched.discovery(), fetched.jwks(), fetched.jwksProblem());
        if (!report.valid()) {
            return MetadataRefresh.Step.failed(report.firstError().map(Finding::code).orElse("invalid"));
        }
        IdentityProviderFactory<?> factory = (IdentityProviderFactory<?>) session.getKeycloakSessionFactory()
                .getProviderFactory(IdentityProvider.class, "oidc");
        Map<String, String> parsed = factory.parseConfig(session, fetched.text());
        boolean changed = MetadataChange.applyEndpoints(idp.getConfig(), parsed);
        if (changed) {
            record.note("refresh", "metadata refresh", "changed endpoints of the discovery document applied");
        }
        return MetadataRefresh.Step.applied(changed ? RefreshOutcome.APPLIED : RefreshOutcome.UNCHANGED, hash);
    }
}
