package de.dvc.iam.keycloak.registration;

import de.dvc.iam.core.registration.BrokerSettings;
import de.dvc.iam.core.registration.Principal;
import de.dvc.iam.core.registration.RegistrationAction;
import de.dvc.iam.core.registration.RegistrationPolicy;
import de.dvc.iam.core.registration.RegistrationState;
import de.dvc.iam.keycloak.agency.AgencyOrganizations;
import de.dvc.iam.keycloak.identity.AgencyProfileMapper;
import org.keycloak.broker.provider.IdentityProviderFactory;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.IdentityProviderMapperModel;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.IdentityProviderSyncMode;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.organization.OrganizationProvider;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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

        /** A 400 or 409 naming the fields in error ({@code fields}: JSON name → what is wrong and the fix). */
        static Result fields(int status, String error, String message, Map<String, String> fields) {
            return new Result(status, Map.of("error", error, "message", message, "fields", fields));
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
        Lookup found = lookup(session, principal, alias, RegistrationAction.READ);
        if (found.refusal() != null) {
            return found.refusal();
        }
        IdentityProviderModel idp = found.idp();
        if (!RegistrationRecord.isRegistration(idp)) {
            return adoptedRefusal(alias); // the files name its metadata; apply fetches it
        }
        if (acceptKeyChange && !principal.operator()) {
            return Result.error(403, "forbidden", "Only federation operators accept a signing key change.");
        }
        String outcome = refresh.refresh(session, idp, true, acceptKeyChange);
        Map<String, Object> body = storedView(session, alias);
        body.put("refresh", outcome);
        return new Result(200, body);
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
            return Result.fields(409, "alias_taken", "An IdP with alias '" + request.alias() + "' exists; choose another alias.",
                    Map.of("alias", "An IdP with alias '" + request.alias() + "' exists; choose another alias, e.g. " + request.alias() + "-2."));
        }
        RegistrationValidation.Outcome outcome = new RegistrationValidation(session, settings).validate(request, agency.get());
        if (!outcome.report().valid()) {
            return new Result(422, Map.of("error", "invalid_registration",
                    "message", "The registration has errors; nothing was stored. See the report.", "report", outcome.report().toMap(),
                    "preview", outcome.preview() == null ? Map.of() : outcome.preview(),
                    "fields", de.dvc.iam.core.registration.ReportFields.of(outcome.report(), request.protocol(), request.metadataUrl() != null)));
        }
        IdentityProviderModel idp = identityProvider(request, outcome.document());
        RegistrationRecord.start(session, idp, request.agency(), principal.id(), request.source(), request.domains(), outcome.report().toMap());
        session.identityProviders().create(idp);
        IdentityProviderModel created = session.identityProviders().getByAlias(request.alias());
        session.getProvider(OrganizationProvider.class).addIdentityProvider(agency.get(), created);
        session.identityProviders().createMapper(profileMapper(request));
        Map<String, Object> view = storedView(session, request.alias());
        if (outcome.preview() != null) {
            view.put("preview", outcome.preview());
        }
        return new Result(201, view);
    }

    private IdentityProviderModel identityProvider(RegistrationRequest request, String document) {
        IdentityProviderFactory<?> factory = (IdentityProviderFactory<?>) session.getKeycloakSessionFactory()
                .getProviderFactory(org.keycloak.broker.provider.IdentityProvider.class, providerId(request.protocol()));
        Map<String, String> config = new HashMap<>(document == null ? Map.of() : factory.parseConfig(session, document));
        switch (request.protocol()) {
            case "saml" -> config.putAll(BrokerSettings.saml());
            case "ldap" -> {
                de.dvc.iam.keycloak.directory.DirectoryConfig.write(config, request.directory());
                if (request.testLogin() != null) {
                    config.put(de.dvc.iam.keycloak.directory.DirectoryConfig.TEST_LOGIN, request.testLogin());
                }
            }
            default -> config.putAll(BrokerSettings.oidc(request.clientId(), request.clientSecret()));
        }
        IdentityProviderModel idp = new IdentityProviderModel();
        idp.setAlias(request.alias());
        idp.setProviderId(providerId(request.protocol()));
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

    /** The Keycloak IdP type of a registration's protocol: saml, oidc, or DVC's agency directory. */
    static String providerId(String protocol) {
        return "ldap".equals(protocol) ? de.dvc.iam.keycloak.directory.DirectoryIdentityProviderFactory.PROVIDER_ID : protocol;
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

    /** Page sizes of the list: default and maximum. */
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;

    /**
     * One page of registrations in alias order, filtered; an agency admin sees her agency's only (an {@code agency}
     * filter naming another agency finds nothing). {@code next} is the {@code after} of the following page.
     */
    Result list(Principal principal, de.dvc.iam.keycloak.store.RegistrationStore.Filter filter, String after, int limit) {
        if (!principal.operator()) {
            if (principal.adminOf().isEmpty()) {
                return Result.error(403, "forbidden", "Only agency admins and federation operators may read registrations.");
            }
            if (filter.agency() != null && !filter.agency().equals(principal.adminOf().get())) {
                return new Result(200, page(List.of(), 0, null));
            }
            filter = filter.withAgency(principal.adminOf().get());
        }
        de.dvc.iam.keycloak.store.RegistrationStore.Page page = de.dvc.iam.keycloak.store.RegistrationStore.of(session)
                .page(RegistrationRecord.realmId(session), filter, after, limit);
        return new Result(200, page(page.rows().stream().map(RegistrationRecord::summary).toList(), page.total(), page.next()));
    }

    private static Map<String, Object> page(List<Map<String, Object>> registrations, long total, String next) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("registrations", registrations);
        body.put("total", total);
        body.put("next", next);
        return body;
    }

    Result get(Principal principal, String alias) {
        Lookup found = lookup(session, principal, alias, RegistrationAction.READ);
        return found.refusal() != null ? found.refusal() : new Result(200, view(session, found.idp()));
    }

    Result transition(Principal principal, String alias, RegistrationAction action, String reason) {
        Lookup found = lookup(session, principal, alias, action);
        if (found.refusal() != null) {
            return found.refusal();
        }
        IdentityProviderModel idp = found.idp();
        RegistrationRecord record = found.record();
        Optional<RegistrationPolicy.Refusal> unproven = RegistrationPolicy.domainsProven(action, record.domains(),
                Set.copyOf(record.provenDomains()));
        if (unproven.isPresent()) {
            return Result.error(409, "conflict", unproven.get().message());
        }
        RegistrationPolicy.Transition next = RegistrationPolicy.next(record.state(), action, principal, record.submitter());
        if (!next.allowed()) {
            return Result.error(next.refusal().forbidden() ? 403 : 409, next.refusal().forbidden() ? "forbidden" : "conflict",
                    next.refusal().message());
        }
        record.move(next.state(), action.code(), principal.id(), reason);
        boolean ends = next.state().outOfService();
        idp.setEnabled(!ends);
        if (ends) {
            int users = IdpSessions.end(session, session.getContext().getRealm(), alias);
            record.note(action.code(), principal.id(), "sessions of " + users + " user(s) ended");
        }
        if (next.state() == RegistrationState.RETIRED) {
            new AgencyDomains(session).release(idp, record, record.approvedProvenDomains(), "retire");
        }
        session.identityProviders().update(idp);
        if (action == RegistrationAction.APPROVE) {
            Optional<String> taken = new AgencyDomains(session).verify(idp, record);
            if (taken.isPresent()) {
                // Another agency got the domain first (two registrations racing): nothing of the approval stays.
                return Result.error(409, "domain_taken", "The domain " + taken.get() + " belongs to another agency now; the "
                        + "registration was not approved. Withdraw the domain (change request) or ask the federation operators.");
            }
        }
        return new Result(200, storedView(session, alias));
    }

    /** A registration the federation files adopted: its history stays readable here, its IdP is the files' now. */
    static Result adoptedRefusal(String alias) {
        return Result.error(409, "adopted", "The registration '" + alias + "' was adopted into the federation files: the "
                + "federation operators change its IdP there (dvc-config), not through this API.");
    }

    /** Missing and foreign registrations answer alike: no probing of other agencies. */
    static Result notFound(String alias) {
        return Result.error(404, "not_found", "There is no registration '" + alias + "'.");
    }

    private String baseUrl() {
        return baseUrl(session);
    }

    /** The server's base URL as the caller reached it, e.g. {@code https://iam.dvc.example}. */
    static String baseUrl(KeycloakSession session) {
        String base = session.getContext().getUri().getBaseUri().toString();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** A registration the caller may act on, or why not ({@code refusal} set, {@code idp} null). */
    record Lookup(IdentityProviderModel idp, Result refusal, KeycloakSession session) {
        /** The registration, its history entries audited in the session's transaction. */
        RegistrationRecord record() {
            return RegistrationRecord.audited(session, idp);
        }
    }

    /**
     * The registration {@code alias} if {@code principal} may do {@code action} on it. Missing registrations and
     * those the caller may not even read answer 404 alike (no probing of other agencies); a readable one whose
     * action is not hers answers 403.
     */
    static Lookup lookup(KeycloakSession session, Principal principal, String alias, RegistrationAction action) {
        IdentityProviderModel idp = session.identityProviders().getByAlias(alias);
        boolean adopted = idp != null && !RegistrationRecord.isRegistration(idp) && RegistrationRecord.adopted(session, idp);
        if (idp == null || !RegistrationRecord.isRegistration(idp) && !adopted) {
            return new Lookup(null, notFound(alias), session);
        }
        String agency = RegistrationRecord.of(session, idp).agency();
        if (RegistrationPolicy.authorize(principal, RegistrationAction.READ, agency).isPresent()) {
            return new Lookup(null, notFound(alias), session);
        }
        if (adopted && action != RegistrationAction.READ) {
            return new Lookup(null, adoptedRefusal(alias), session);
        }
        Optional<RegistrationPolicy.Refusal> refusal = RegistrationPolicy.authorize(principal, action, agency);
        return refusal.isPresent() ? new Lookup(null, Result.error(403, "forbidden", refusal.get().message()), session)
                : new Lookup(idp, null, session);
    }

    /** The registration as stored now, as the API shows it. */
    static Map<String, Object> storedView(KeycloakSession session, String alias) {
        return view(session, session.identityProviders().getByAlias(alias));
    }

    /** A registration as the API shows it, with every trust-relevant setting ({@link TrustView}). */
    static Map<String, Object> view(KeycloakSession session, IdentityProviderModel idp) {
        Map<String, Object> view = new java.util.LinkedHashMap<>(RegistrationRecord.of(session, idp).view(baseUrl(session)));
        view.put("trust", TrustView.of(session, idp));
        return view;
    }
}
