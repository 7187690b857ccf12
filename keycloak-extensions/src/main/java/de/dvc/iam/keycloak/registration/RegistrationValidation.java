package de.dvc.iam.keycloak.registration;

import de.dvc.iam.core.outbound.GuardedHttpClient;
import de.dvc.iam.core.profile.AttributeProfiles;
import de.dvc.iam.core.registration.Finding;
import de.dvc.iam.core.registration.OidcDiscoveryValidator;
import de.dvc.iam.core.registration.SamlMetadataValidator;
import de.dvc.iam.core.registration.ValidationReport;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the validation report of a registration: fetches what it names through the guarded client,
 * runs iam-core's validators, checks the domains against other agencies. Keeps the fetched document,
 * so the IdP is configured from exactly what was validated (Keycloak's own import would fetch again,
 * unguarded).
 */
final class RegistrationValidation {

    /**
     * The report, and the validated document (SAML metadata XML or OIDC discovery JSON; null if none or a directory),
     * and for a directory the test account's contract as DVC would map it (null if none).
     */
    record Outcome(ValidationReport report, String document, Map<String, Object> preview) {
        Outcome(ValidationReport report, String document) {
            this(report, document, null);
        }
    }

    private final KeycloakSession session;
    private final GuardedHttpClient http;
    private final java.util.Set<String> insecureHosts;
    private final java.security.PublicKey anchor;
    private final SamlMetadataValidator saml;

    RegistrationValidation(KeycloakSession session, RegistrationSettings settings) {
        this.session = session;
        this.http = settings.http();
        this.insecureHosts = settings.insecureHosts();
        this.anchor = settings.anchor();
        this.saml = settings.saml();
    }

    Outcome validate(RegistrationRequest request, OrganizationModel agency) {
        List<Finding> findings = new ArrayList<>(domains(request, agency));
        String document;
        if (request.protocol().equals("ldap")) {
            // Bind, base DN, TLS and the test account through the LDAP guard of the directory logins themselves.
            de.dvc.iam.core.directory.DirectoryValidation.Result result = de.dvc.iam.core.directory.DirectoryValidation.validate(
                    request.alias(), de.dvc.iam.core.directory.DirectorySettings.parse(request.directory()),
                    de.dvc.iam.keycloak.directory.DirectoryIdentityProviderFactory.clientsOf(session).guard(), request.testLogin(),
                    de.dvc.iam.keycloak.identity.AgencyProfileConfig.read(request.profileSettings()).profile(), Instant.now());
            findings.addAll(result.report().findings());
            return new Outcome(ValidationReport.of(findings), null, result.preview().orElse(null));
        }
        if (request.protocol().equals("saml")) {
            byte[] xml = request.metadataXml() != null ? request.metadataXml().getBytes(StandardCharsets.UTF_8)
                    : IdpDocuments.samlMetadata(http, request.metadataUrl(), findings);
            if (xml == null) {
                return new Outcome(ValidationReport.of(findings), null);
            }
            SamlMetadataValidator.Result result = saml.validate(xml, new SamlMetadataValidator.Context(
                    Instant.now(), this::entityIdTaken, anchor,
                    AttributeProfiles.named(request.profileSettings().get("profile")), insecureHosts));
            findings.addAll(result.report().findings());
            findings.addAll(result.oneEntity(null));
            document = new String(xml, StandardCharsets.UTF_8);
        } else {
            IdpDocuments.Discovery fetched = IdpDocuments.oidcDiscovery(http, request.issuer());
            if (fetched.problem() != null) {
                findings.add(fetched.problem());
                return new Outcome(ValidationReport.of(findings), null);
            }
            findings.addAll(new OidcDiscoveryValidator(http::refusal).validate(request.issuer(), fetched.discovery(), fetched.jwks(),
                    fetched.jwksProblem()).findings());
            document = fetched.text();
        }
        return new Outcome(ValidationReport.of(findings), document);
    }

    private List<Finding> domains(RegistrationRequest request, OrganizationModel agency) {
        // Public suffixes, lookalikes (IDN homographs) of and overlaps with other agencies' domains, and taken ones.
        List<Finding> findings = new ArrayList<>(de.dvc.iam.core.registration.DomainClaims.check(request.domains(),
                de.dvc.iam.keycloak.agency.AgencyOrganizations.domainsOfOthers(session, agency)));
        findings.add(Finding.warning("domain_not_proven", "Control of " + String.join(", ", request.domains())
                + " is not proven yet; approval needs the proof.",
                "Publish the DNS TXT record or the well-known file of each domain shown in domainProofs, then call POST …/domain-proofs."));
        return findings;
    }

    private boolean entityIdTaken(String entityId) {
        // Registrations through the index of DVC_REGISTRATION; a retired registration keeps its IdP (history, audit) but no
        // longer holds the entityID: the agency may register anew. IdPs the federation team set up have no registration row.
        if (de.dvc.iam.keycloak.store.RegistrationStore.of(session).entityIdTaken(RegistrationRecord.realmId(session), entityId, null)) {
            return true;
        }
        return session.identityProviders().getAllStream(
                        org.keycloak.models.IdentityProviderQuery.userAuthentication().with("idpEntityId", entityId), 0, 10)
                .anyMatch(idp -> !RegistrationRecord.isRegistration(idp));
    }
}
