package de.dvc.iam.keycloak.registration;

import de.dvc.iam.core.registration.DomainClaims;
import de.dvc.iam.core.registration.Finding;
import de.dvc.iam.core.registration.Principal;
import de.dvc.iam.core.registration.RegistrationAction;
import de.dvc.iam.core.registration.RegistrationState;
import de.dvc.iam.core.registration.TrustChange;
import de.dvc.iam.core.registration.ValidationReport;
import de.dvc.iam.keycloak.agency.AgencyOrganizations;
import de.dvc.iam.keycloak.identity.AgencyProfileConfig;
import de.dvc.iam.keycloak.identity.AgencyProfileMapper;
import de.dvc.iam.keycloak.registration.RegistrationService.Result;
import org.keycloak.models.IdentityProviderMapperModel;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Changes of what a registration is trusted for (domains, profile, overrides, maximum assurance, acr
 * table) after submission: requested by the agency (or an operator), validated like a submission,
 * kept apart while the registration goes on working on its approved settings, applied only when
 * another operator approves (four eyes) and every added domain is proven. Invalid requests change
 * nothing (the resource rolls back).
 */
final class TrustChanges {

    private final KeycloakSession session;

    TrustChanges(KeycloakSession session) {
        this.session = session;
    }

    Result request(Principal principal, String alias, Map<String, Object> body) {
        RegistrationService.Lookup found = RegistrationService.lookup(session, principal, alias, RegistrationAction.UPDATE);
        if (found.refusal() != null) {
            return found.refusal();
        }
        RegistrationRecord record = found.record();
        if (record.state() == RegistrationState.RETIRED) {
            return Result.error(409, "conflict", "The registration is retired; register the IdP anew.");
        }
        if (record.pendingChange().isPresent()) {
            return Result.error(409, "change_pending", "A change is waiting for approval; withdraw it (DELETE …/changes) first.");
        }
        TrustChange change;
        try {
            change = TrustChange.parse(body, principal.id(), Instant.now().toString());
        } catch (IllegalArgumentException e) {
            return e.getMessage().startsWith("domains") ? Result.fields(400, "invalid_request", e.getMessage(), Map.of("domains", e.getMessage()))
                    : Result.error(400, "invalid_request", e.getMessage());
        }
        List<Finding> findings = new java.util.ArrayList<>();
        OrganizationModel agency = AgencyOrganizations.byAgencyId(session, record.agency()).orElse(null);
        if (agency != null && !change.addedDomains(record.domains()).isEmpty()) {
            findings.addAll(DomainClaims.check(change.addedDomains(record.domains()), AgencyOrganizations.domainsOfOthers(session, agency)));
        }
        try {
            Map<String, String> merged = new HashMap<>(profileMapper(found.idp()).map(IdentityProviderMapperModel::getConfig).orElse(Map.of()));
            merged.putAll(change.settings());
            AgencyProfileConfig config = AgencyProfileConfig.read(merged);
            boolean directory = de.dvc.iam.keycloak.directory.DirectoryIdentityProviderFactory.PROVIDER_ID.equals(found.idp().getProviderId());
            if (directory != de.dvc.iam.core.profile.AttributeProfiles.isDirectory(config.profile())) {
                throw new IllegalArgumentException(directory ? "A directory reads ldap-ad or ldap-inetorgperson."
                        : "ldap-ad and ldap-inetorgperson are for agency directories.");
            }
        } catch (IllegalArgumentException e) {
            findings.add(Finding.error("profile_invalid", e.getMessage(), "Correct the profile settings (docs/claims.md)."));
        }
        ValidationReport report = ValidationReport.of(findings);
        if (!report.valid()) {
            return new Result(422, Map.of("error", "invalid_change", "message", "The change has errors; nothing was stored.",
                    "report", report.toMap(), "fields", de.dvc.iam.core.registration.ReportFields.of(report, "change", false)));
        }
        record.pendingChange(change);
        record.note("request-change", principal.id(), change.summary(record.domains()));
        session.identityProviders().update(found.idp());
        return new Result(202, RegistrationService.storedView(session, alias));
    }

    /**
     * @param reviewed the {@code pendingChange.time} the operator reviewed: the approval applies exactly that change, never
     *                 one the requester swapped in meanwhile
     */
    Result approve(Principal principal, String alias, Object reviewed) {
        RegistrationService.Lookup found = RegistrationService.lookup(session, principal, alias, RegistrationAction.READ);
        if (found.refusal() != null) {
            return found.refusal();
        }
        IdentityProviderModel idp = found.idp();
        if (!RegistrationRecord.isRegistration(idp)) {
            return RegistrationService.adoptedRefusal(alias);
        }
        RegistrationRecord record = found.record();
        Optional<TrustChange> pending = record.pendingChange();
        if (pending.isEmpty()) {
            return Result.error(409, "conflict", "There is no change waiting for approval.");
        }
        TrustChange change = pending.get();
        if (!(reviewed instanceof String time) || !time.equals(change.time())) {
            return Result.error(409, "change_mismatch", "Send the reviewed change's pendingChange.time as \"reviewed\": the "
                    + "pending change is not the one you reviewed, or you named none; read the registration again.");
        }
        Optional<String> refusal = change.approvalRefusal(principal);
        if (refusal.isPresent()) {
            return Result.error(403, "forbidden", refusal.get());
        }
        List<String> unproven = change.addedDomains(record.domains()).stream().filter(d -> !record.provenDomains().contains(d)).toList();
        if (!unproven.isEmpty()) {
            return Result.error(409, "conflict", "Domain(s) " + String.join(", ", unproven) + " are not proven yet: the agency "
                    + "publishes the DNS TXT records or well-known files named in domainProofs, then calls domain-proofs.");
        }
        List<String> before = record.domains();
        if (!change.settings().isEmpty()) {
            IdentityProviderMapperModel mapper = profileMapper(idp).orElse(null);
            if (mapper == null) {
                return Result.error(409, "conflict", "The IdP has no DVC agency profile to change; ask the federation operators.");
            }
            Map<String, String> config = new HashMap<>(mapper.getConfig());
            config.putAll(change.settings());
            mapper.setConfig(config);
            session.identityProviders().updateMapper(mapper);
        }
        if (change.domains() != null) {
            record.domains(change.domains());
            if (record.state() == RegistrationState.ACTIVE || record.state() == RegistrationState.SUSPENDED) {
                new AgencyDomains(session).release(idp, record, Set.copyOf(change.removedDomains(before)), "approve-change");
            }
        }
        record.pendingChange(null);
        record.note("approve-change", principal.id(), change.summary(before));
        session.identityProviders().update(idp);
        if (change.domains() != null && record.state() == RegistrationState.ACTIVE) {
            Optional<String> taken = new AgencyDomains(session).verify(idp, record);
            if (taken.isPresent()) {
                return Result.error(409, "domain_taken", "The domain " + taken.get() + " belongs to another agency now; "
                        + "the change was not applied.");
            }
        }
        return new Result(200, RegistrationService.storedView(session, alias));
    }

    Result withdraw(Principal principal, String alias) {
        RegistrationService.Lookup found = RegistrationService.lookup(session, principal, alias, RegistrationAction.UPDATE);
        if (found.refusal() != null) {
            return found.refusal();
        }
        if (found.record().pendingChange().isEmpty()) {
            return Result.error(409, "conflict", "There is no change waiting for approval.");
        }
        found.record().pendingChange(null);
        found.record().domains(found.record().domains()); // proofs made for the withdrawn change's domains go with it
        found.record().note("withdraw-change", principal.id(), null);
        session.identityProviders().update(found.idp());
        return new Result(200, RegistrationService.storedView(session, alias));
    }

    private Optional<IdentityProviderMapperModel> profileMapper(IdentityProviderModel idp) {
        return session.identityProviders().getMappersByAliasStream(idp.getAlias())
                .filter(m -> AgencyProfileMapper.PROVIDER_ID.equals(m.getIdentityProviderMapper())).findFirst();
    }
}
