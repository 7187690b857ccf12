package de.dvc.iam.keycloak.registration;

import de.dvc.iam.core.outbound.GuardedHttpClient;
import de.dvc.iam.core.registration.BrokerSettings;
import de.dvc.iam.core.registration.DomainProof;
import de.dvc.iam.core.registration.Finding;
import de.dvc.iam.core.registration.Principal;
import de.dvc.iam.core.registration.RegistrationAction;
import de.dvc.iam.core.registration.RegistrationPolicy;
import de.dvc.iam.core.registration.RegistrationState;
import de.dvc.iam.core.registration.SamlMetadataValidator;
import de.dvc.iam.core.registration.ValidationReport;
import de.dvc.iam.keycloak.agency.AgencyOrganizations;
import de.dvc.iam.keycloak.identity.AgencyProfileMapper;
import org.keycloak.broker.provider.IdentityProviderFactory;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.IdentityProviderMapperModel;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.IdentityProviderQuery;
import org.keycloak.models.IdentityProviderSyncMode;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationDomainModel;
import org.keycloak.models.OrganizationModel;
import org.keycloak.organization.OrganizationProvider;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The registration API's work: submit (validate, then create the disabled IdP with its profile
 * mapper and registration record, all in the request's transaction), read, and lifecycle transitions.
 * Outcomes are plain results; {@link RegistrationResource} turns them into HTTP.
 */
final class RegistrationService {

    static final String FIRST_LOGIN_FLOW = "dvc first broker login";

    /** An outcome: HTTP status and JSON body. */
    record Result(int status, Object body) {
        static Result error(int status, String error, String message) {
            return new Result(status, Map.of("error", error, "message", message));
        }
    }

    private final KeycloakSession session;
    private final RegistrationSettings settings;

    RegistrationService(KeycloakSession session, RegistrationSettings settings) {
        this.session = session;
        this.settings = settings;
    }

    /** Refreshes a registration's metadata now (agency admins of the agency, operators; accepting a key change: operators). */
    Result refreshNow(Principal principal, String alias, MetadataRefresh refresh, boolean acceptKeyChange) {
        IdentityProviderModel idp = session.identityProviders().getByAlias(alias);
        if (idp == null || !RegistrationRecord.isRegistration(idp)
                || RegistrationPolicy.authorize(principal, RegistrationAction.READ, new RegistrationRecord(idp).agency()).isPresent()) {
            return notFound(alias);
        }
        if (acceptKeyChange && !principal.operator()) {
            return Result.error(403, "forbidden", "Only federation operators accept a signing key change.");
        }
        String outcome = refresh.refresh(session, idp, true, acceptKeyChange);
        Map<String, Object> body = new java.util.LinkedHashMap<>(new RegistrationRecord(session.identityProviders().getByAlias(alias)).view(baseUrl()));
        body.put("refresh", outcome);
        return new Result(200, body);
    }

    /**
     * New SAML metadata (XML, or a URL the refresh follows from now on), validated like a new registration
     * with the IdP's profile; the entityID must stay. Errors: 422 with the report, nothing changes. A
     * signing key change that the federation holds for approval is applied only by an operator.
     */
    Result updateMetadata(Principal principal, String alias, Map<String, Object> body, MetadataRefresh refresh) {
        Optional<Result> refused = updatable(principal, alias, "saml",
                "Only SAML registrations have metadata; an OIDC provider's discovery is refreshed from its issuer.");
        if (refused.isPresent()) {
            return refused.get();
        }
        IdentityProviderModel idp = session.identityProviders().getByAlias(alias);
        RegistrationRecord record = new RegistrationRecord(idp);
        Object xmlValue = body.get("metadataXml");
        Object urlValue = body.get("metadataUrl");
        if ((xmlValue == null) == (urlValue == null) || !(xmlValue == null || xmlValue instanceof String)
                || !(urlValue == null || urlValue instanceof String)) {
            return Result.error(400, "invalid_request", "Send exactly one of metadataXml or metadataUrl (strings).");
        }
        if (xmlValue != null && ((String) xmlValue).length() > RegistrationRequest.MAX_METADATA_CHARS) {
            return Result.error(400, "invalid_request", "metadataXml is larger than 1 MB; send one IdP's metadata, not an aggregate.");
        }
        java.time.Instant now = java.time.Instant.now();
        List<Finding> findings = new java.util.ArrayList<>();
        byte[] xml = null;
        if (urlValue != null) {
            try {
                xml = settings.http().get(java.net.URI.create((String) urlValue)).body();
            } catch (de.dvc.iam.core.outbound.OutboundRefusedException | IllegalArgumentException e) {
                findings.add(Finding.error("metadata_unreachable", "The metadata could not be fetched: " + e.getMessage(),
                        "Publish the metadata at a public https:// URL, or send it as metadataXml."));
            }
        } else {
            xml = ((String) xmlValue).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        if (xml != null) {
            SamlMetadataValidator.Result result = refresh.validate(session, idp, xml, now);
            findings.addAll(result.report().findings());
            String entityId = idp.getConfig().get("idpEntityId");
            if (result.entityIds().size() > 1) {
                findings.add(Finding.error("aggregate_not_accepted", "The metadata describes " + result.entityIds().size()
                        + " entities.", "Send the EntityDescriptor of this IdP only."));
            } else if (result.entityIds().size() == 1 && entityId != null && !entityId.equals(result.entityIds().get(0))) {
                findings.add(Finding.error("entity_id_changed", "The metadata is of entityID '" + result.entityIds().get(0)
                        + "', the registration of '" + entityId + "'.", "A new entityID is a new IdP: register it as such."));
            }
        }
        ValidationReport report = ValidationReport.of(findings);
        if (!report.valid()) {
            return new Result(422, Map.of("error", "invalid_metadata", "message",
                    "The metadata has errors; the registration was not changed. See the report.", "report", report.toMap()));
        }
        String outcome = refresh.apply(session, idp, record, xml, principal.operator(), "update-metadata", principal.id());
        if (outcome.equals("key-change-pending")) {
            return Result.error(409, "key_change_needs_operator", "The new metadata changes the signing key, which this federation "
                    + "lets only a federation operator apply; nothing was changed. Ask the operators to apply it.");
        }
        String source = urlValue != null ? (String) urlValue : "metadata XML";
        if (!source.equals(idp.getConfig().get(RegistrationRecord.SOURCE))) {
            idp.getConfig().put(RegistrationRecord.SOURCE, source);
            record.note("update-metadata", principal.id(), "metadata source: " + source);
        }
        idp.getConfig().put(MetadataRefresh.FAILURES, "0");
        idp.getConfig().remove(MetadataRefresh.NEXT);
        session.identityProviders().update(idp);
        Map<String, Object> answer = new java.util.LinkedHashMap<>(new RegistrationRecord(session.identityProviders().getByAlias(alias))
                .view(baseUrl()));
        answer.put("update", outcome);
        answer.put("updateReport", report.toMap());
        return new Result(200, answer);
    }

    /** A new client secret for a registered OIDC provider (never shown again, noted in the history without its value). */
    Result updateClientSecret(Principal principal, String alias, Object secret) {
        Optional<Result> refused = updatable(principal, alias, "oidc", "Only OIDC registrations have a client secret.");
        if (refused.isPresent()) {
            return refused.get();
        }
        if (!(secret instanceof String value) || value.isBlank() || value.length() > 1024) {
            return Result.error(400, "invalid_request", "Send clientSecret: the secret your provider issued to DVC IAM (1 to 1024 characters).");
        }
        IdentityProviderModel idp = session.identityProviders().getByAlias(alias);
        idp.getConfig().put("clientSecret", value);
        new RegistrationRecord(idp).note("update-client-secret", principal.id(), "client secret replaced");
        session.identityProviders().update(idp);
        return new Result(200, new RegistrationRecord(session.identityProviders().getByAlias(alias)).view(baseUrl()));
    }

    /** Why {@code principal} may not change registration {@code alias} of {@code protocol} now, if she may not. */
    private Optional<Result> updatable(Principal principal, String alias, String protocol, String wrongProtocol) {
        IdentityProviderModel idp = session.identityProviders().getByAlias(alias);
        if (idp == null || !RegistrationRecord.isRegistration(idp)) {
            return Optional.of(notFound(alias));
        }
        RegistrationRecord record = new RegistrationRecord(idp);
        if (RegistrationPolicy.authorize(principal, RegistrationAction.READ, record.agency()).isPresent()) {
            return Optional.of(notFound(alias));
        }
        Optional<RegistrationPolicy.Refusal> refusal = RegistrationPolicy.authorize(principal, RegistrationAction.UPDATE, record.agency());
        if (refusal.isPresent()) {
            return Optional.of(Result.error(403, "forbidden", refusal.get().message()));
        }
        if (!protocol.equals(idp.getProviderId())) {
            return Optional.of(Result.error(409, "conflict", wrongProtocol));
        }
        if (record.state() == RegistrationState.RETIRED) {
            return Optional.of(Result.error(409, "conflict", "The registration is retired; register the IdP anew."));
        }
        return Optional.empty();
    }

    /**
     * Checks every declared domain not proven yet: first its DNS TXT record, then its well-known file
     * (fetched through the guarded client); records what proved it and what it found.
     */
    Result proveDomains(Principal principal, String alias) {
        IdentityProviderModel idp = session.identityProviders().getByAlias(alias);
        if (idp == null || !RegistrationRecord.isRegistration(idp)) {
            return notFound(alias);
        }
        RegistrationRecord record = new RegistrationRecord(idp);
        if (RegistrationPolicy.authorize(principal, RegistrationAction.SUBMIT, record.agency()).isPresent()) {
            return notFound(alias);
        }
        List<Map<String, Object>> checked = new java.util.ArrayList<>();
        for (String domain : record.domains()) {
            Map<String, Object> check = new java.util.LinkedHashMap<>();
            check.put("domain", domain);
            boolean proven = record.provenDomains().contains(domain);
            if (!proven) {
                DomainProof proof = record.proof(domain);
                List<String> problems = new java.util.ArrayList<>();
                Optional<String> by = byDnsRecord(proof, problems).or(() -> byWellKnownFile(proof, problems));
                if (by.isPresent()) {
                    record.proven(domain, principal.id(), by.get());
                    proven = true;
                } else {
                    check.put("problem", String.join(" ", problems));
                }
            }
            check.put("proven", proven);
            checked.add(check);
        }
        session.identityProviders().update(idp);
        Map<String, Object> body = new java.util.LinkedHashMap<>(new RegistrationRecord(session.identityProviders().getByAlias(alias)).view(baseUrl()));
        body.put("checked", checked);
        return new Result(200, body);
    }

    private Optional<String> byDnsRecord(DomainProof proof, List<String> problems) {
        try {
            if (proof.provenBy(settings.dns().txt(proof.recordName()))) {
                return Optional.of("DNS TXT " + proof.recordName());
            }
            problems.add("No TXT record " + proof.recordName() + " with the expected value.");
        } catch (javax.naming.NamingException e) {
            problems.add("The DNS lookup of " + proof.recordName() + " failed; try again later.");
        }
        return Optional.empty();
    }

    private Optional<String> byWellKnownFile(DomainProof proof, List<String> problems) {
        java.net.URI uri = proof.wellKnownUri(settings.proofPort());
        try {
            GuardedHttpClient.Response file = settings.http().get(uri);
            if (proof.provenByFile(new String(file.body(), java.nio.charset.StandardCharsets.UTF_8))) {
                return Optional.of("HTTPS file " + uri);
            }
            problems.add("The file " + uri + " has no line with the expected value.");
        } catch (de.dvc.iam.core.outbound.OutboundRefusedException e) {
            problems.add("No proof file: " + e.getMessage());
        }
        return Optional.empty();
    }

    Result submit(Principal principal, RegistrationRequest request) {
        Optional<OrganizationModel> agency = AgencyOrganizations.byAgencyId(session, request.agency());
        Optional<RegistrationPolicy.Refusal> refusal = RegistrationPolicy.authorize(principal, RegistrationAction.SUBMIT, request.agency());
        if (refusal.isPresent()) {
            return Result.error(403, "forbidden", refusal.get().message());
        }
        if (agency.isEmpty()) {
            return Result.error(404, "unknown_agency", "There is no agency '" + request.agency() + "'.");
        }
        if (session.identityProviders().getByAlias(request.alias()) != null) {
            return Result.error(409, "alias_taken", "An IdP with alias '" + request.alias() + "' exists; choose another alias.");
        }
        RegistrationValidation.Outcome outcome = new RegistrationValidation(session, settings).validate(request, agency.get());
        if (!outcome.report().valid()) {
            return new Result(422, Map.of("error", "invalid_registration",
                    "message", "The registration has errors; nothing was stored. See the report.", "report", outcome.report().toMap()));
        }
        IdentityProviderModel idp = identityProvider(request, outcome.document());
        new RegistrationRecord(idp).start(request.agency(), principal.id(), request.source(), request.domains(), outcome.report().toMap());
        session.identityProviders().create(idp);
        IdentityProviderModel created = session.identityProviders().getByAlias(request.alias());
        session.getProvider(OrganizationProvider.class).addIdentityProvider(agency.get(), created);
        session.identityProviders().createMapper(profileMapper(request));
        return new Result(201, new RegistrationRecord(session.identityProviders().getByAlias(request.alias())).view(baseUrl()));
    }

    private IdentityProviderModel identityProvider(RegistrationRequest request, String document) {
        IdentityProviderFactory<?> factory = (IdentityProviderFactory<?>) session.getKeycloakSessionFactory()
                .getProviderFactory(org.keycloak.broker.provider.IdentityProvider.class, request.protocol());
        Map<String, String> config = new HashMap<>(factory.parseConfig(session, document));
        config.putAll(request.protocol().equals("saml") ? BrokerSettings.saml()
                : BrokerSettings.oidc(request.clientId(), request.clientSecret()));
        IdentityProviderModel idp = new IdentityProviderModel();
        idp.setAlias(request.alias());
        idp.setProviderId(request.protocol());
        idp.setDisplayName(request.alias());
        // Enabled for the sandbox test login; production logins only once approved (RegistrationGate).
        idp.setEnabled(true);
        idp.setHideOnLogin(true);
        idp.setTrustEmail(true);
        idp.setStoreToken(false);
        idp.setConfig(config);
        idp.setSyncMode(IdentityProviderSyncMode.FORCE);
        AuthenticationFlowModel firstLogin = session.getContext().getRealm().getFlowByAlias(FIRST_LOGIN_FLOW);
        if (firstLogin != null) {
            idp.setFirstBrokerLoginFlowId(firstLogin.getId());
        }
        return idp;
    }

    private static IdentityProviderMapperModel profileMapper(RegistrationRequest request) {
        IdentityProviderMapperModel mapper = new IdentityProviderMapperModel();
        mapper.setName("dvc agency profile");
        mapper.setIdentityProviderAlias(request.alias());
        mapper.setIdentityProviderMapper(AgencyProfileMapper.PROVIDER_ID);
        Map<String, String> config = new HashMap<>(request.profileSettings());
        config.put("syncMode", "FORCE");
        mapper.setConfig(config);
        return mapper;
    }

    Result list(Principal principal) {
        IdentityProviderQuery query = IdentityProviderQuery.any();
        if (!principal.operator()) {
            if (principal.adminOf().isEmpty()) {
                return Result.error(403, "forbidden", "Only agency admins and federation operators may read registrations.");
            }
            query = query.with(RegistrationRecord.AGENCY, principal.adminOf().get());
        }
        List<Map<String, Object>> registrations = session.identityProviders().getAllStream(query, 0, 1000)
                .filter(RegistrationRecord::isRegistration)
                .map(idp -> new RegistrationRecord(idp).view(baseUrl())).toList();
        return new Result(200, Map.of("registrations", registrations));
    }

    Result get(Principal principal, String alias) {
        Optional<RegistrationRecord> record = record(alias);
        if (record.isEmpty()) {
            return notFound(alias);
        }
        Optional<RegistrationPolicy.Refusal> refusal = RegistrationPolicy.authorize(principal, RegistrationAction.READ, record.get().agency());
        if (refusal.isPresent()) {
            // Foreign registrations are indistinguishable from missing ones: no probing of other agencies.
            return notFound(alias);
        }
        return new Result(200, record.get().view(baseUrl()));
    }

    Result transition(Principal principal, String alias, RegistrationAction action, String reason) {
        IdentityProviderModel idp = session.identityProviders().getByAlias(alias);
        if (idp == null || !RegistrationRecord.isRegistration(idp)) {
            return notFound(alias);
        }
        RegistrationRecord record = new RegistrationRecord(idp);
        if (RegistrationPolicy.authorize(principal, RegistrationAction.READ, record.agency()).isPresent()) {
            return notFound(alias);
        }
        Optional<RegistrationPolicy.Refusal> refusal = RegistrationPolicy.authorize(principal, action, record.agency());
        if (refusal.isPresent()) {
            return Result.error(403, "forbidden", refusal.get().message());
        }
        if (action == RegistrationAction.APPROVE && !record.provenDomains().containsAll(record.domains())) {
            List<String> open = record.domains().stream().filter(d -> !record.provenDomains().contains(d)).toList();
            return Result.error(409, "conflict", "Domain(s) " + String.join(", ", open) + " are not proven yet: the agency "
                    + "publishes the DNS TXT records or well-known files named in domainProofs, then calls domain-proofs.");
        }
        RegistrationPolicy.Transition next = RegistrationPolicy.next(record.state(), action, principal, record.submitter());
        if (!next.allowed()) {
            return Result.error(next.refusal().forbidden() ? 403 : 409, next.refusal().forbidden() ? "forbidden" : "conflict",
                    next.refusal().message());
        }
        record.move(next.state(), action.code(), principal.id(), reason);
        idp.setEnabled(next.state() != RegistrationState.SUSPENDED && next.state() != RegistrationState.RETIRED);
        session.identityProviders().update(idp);
        if (action == RegistrationAction.APPROVE) {
            verifyDomains(idp, record);
        }
        return new Result(200, new RegistrationRecord(session.identityProviders().getByAlias(alias)).view(baseUrl()));
    }

    /** The registration's proven domains become verified domains of the agency (domain binding). */
    private void verifyDomains(IdentityProviderModel idp, RegistrationRecord record) {
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        OrganizationModel agency = organizations.getById(idp.getOrganizationId());
        if (agency == null) {
            return;
        }
        Set<OrganizationDomainModel> domains = agency.getDomains().collect(Collectors.toCollection(HashSet::new));
        for (String domain : record.provenDomains()) {
            domains.removeIf(d -> d.getName().equals(domain));
            domains.add(new OrganizationDomainModel(String.valueOf(domain), true));
        }
        agency.setDomains(domains);
    }

    /** Missing and foreign registrations answer alike: no probing of other agencies. */
    private static Result notFound(String alias) {
        return Result.error(404, "not_found", "There is no registration '" + alias + "'.");
    }

    private String baseUrl() {
        String base = session.getContext().getUri().getBaseUri().toString();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private Optional<RegistrationRecord> record(String alias) {
        IdentityProviderModel idp = session.identityProviders().getByAlias(alias);
        return idp == null || !RegistrationRecord.isRegistration(idp) ? Optional.empty() : Optional.of(new RegistrationRecord(idp));
    }
}
