package de.dvc.iam.keycloak.registration;

import de.dvc.iam.core.profile.AttributeProfiles;
import de.dvc.iam.core.registration.Finding;
import de.dvc.iam.core.registration.MetadataChange;
import de.dvc.iam.core.registration.SamlMetadataValidator;
import de.dvc.iam.core.registration.ValidationReport;
import org.keycloak.broker.provider.IdentityProvider;
import org.keycloak.broker.provider.IdentityProviderFactory;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * New SAML metadata for a registered IdP, from the refresh or from the agency's update: validated like a new
 * registration with the IdP's own profile (one entity, the registered entityID), then put into the IdP's
 * configuration in one step by {@link MetadataChange}'s rules, so the IdP never sees half new metadata. The caller
 * saves the IdP. Thread-safe.
 */
final class SamlMetadataUpdate {

    private final RegistrationSettings settings;

    SamlMetadataUpdate(RegistrationSettings settings) {
        this.settings = settings;
    }

    /** The report of {@code xml} as new metadata of {@code idp}: valid only for one entity of the registered entityID. */
    ValidationReport validate(KeycloakSession session, IdentityProviderModel idp, byte[] xml, Instant now) {
        SamlMetadataValidator.Result result = settings.saml().validate(xml, new SamlMetadataValidator.Context(now,
                // Through the registration table's index: a query over IdP configuration values scans every IdP's
                // config (12,000 registrations refreshed that way made a round quadratic). The entityID itself cannot
                // change here (oneEntity keeps the registered one), so registrations are all it must not collide with.
                entityId -> de.dvc.iam.keycloak.store.RegistrationStore.of(session)
                        .entityIdTaken(RegistrationRecord.realmId(session), entityId, idp.getAlias()),
                settings.anchor(), de.dvc.iam.keycloak.identity.AgencyProfileConfig.ofIdp(session, idp.getAlias())
                        .map(de.dvc.iam.keycloak.identity.AgencyProfileConfig::profile).orElse(AttributeProfiles.SAML_OID),
                settings.insecureHosts()));
        List<Finding> findings = new ArrayList<>(result.report().findings());
        findings.addAll(result.oneEntity(idp.getConfig().get("idpEntityId")));
        return ValidationReport.of(findings);
    }

    /**
     * Puts validated metadata into the IdP's configuration; a changed signing key is noted in the history, or held for
     * an operator ({@code holdKeyChange}: the federation wants approval and none was given).
     *
     * @param action the history's action ({@code refresh}, {@code update-metadata})
     * @param actor  who applies it, for the history
     */
    MetadataChange.Applied apply(KeycloakSession session, IdentityProviderModel idp, RegistrationRecord record, byte[] xml,
                                 boolean holdKeyChange, String action, String actor) {
        IdentityProviderFactory<?> factory = (IdentityProviderFactory<?>) session.getKeycloakSessionFactory()
                .getProviderFactory(IdentityProvider.class, "saml");
        Map<String, String> parsed = new HashMap<>(factory.parseConfig(session, new String(xml, StandardCharsets.UTF_8)));
        // What DVC forces wins over what the parser took from the metadata (NameID format, bindings, artifact).
        parsed.putAll(de.dvc.iam.core.registration.BrokerSettings.saml());
        MetadataChange.Applied applied = MetadataChange.apply(idp.getConfig(), parsed, holdKeyChange, record.row().isKeyChangePending());
        applied.note().ifPresent(note -> record.note(action, actor, note));
        boolean held = applied.outcome() == de.dvc.iam.core.registration.RefreshOutcome.KEY_CHANGE_PENDING;
        record.row().setKeyChangePending(held);
        if (!held) {
            record.row().setCertificateExpiry(RegistrationRecord.certificateExpiry(idp));
        }
        return applied;
    }
}
