package de.dvc.iam.keycloak.registration;

import de.dvc.iam.core.outbound.GuardedHttpClient;
import de.dvc.iam.core.registration.Principal;
import de.dvc.iam.core.registration.RegistrationAction;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;

import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The agency self-service registration API at {@code /realms/dvc/dvc-registrations}
 * (docs/registration-api.yaml, docs/agency-admins.md). Bearer token of realm dvc required; who may do
 * what is {@link de.dvc.iam.core.registration.RegistrationPolicy}. Errors are JSON
 * {@code {"error", "message"}}; an invalid registration is 422 with its report and stores nothing.
 */
public final class RegistrationResource {


    private final KeycloakSession session;
    private final RegistrationSettings settings;
    private final MetadataRefresh refresh;

    RegistrationResource(KeycloakSession session, RegistrationSettings settings, MetadataRefresh refresh) {
        this.session = session;
        this.settings = settings;
        this.refresh = refresh;
    }

    /**
     * Refreshes the IdP's metadata now; {@code acceptKeyChange=true} (federation operators) applies a
     * held signing key change.
     */
    @POST
    @Path("{alias}/refresh")
    @Produces(MediaType.APPLICATION_JSON)
    public Response refresh(@PathParam("alias") String alias, @jakarta.ws.rs.QueryParam("acceptKeyChange") boolean acceptKeyChange) {
        return authenticated(principal -> service().refreshNow(principal, alias, refresh, acceptKeyChange));
    }

    /**
     * New SAML metadata for a registration ({@code metadataXml}, or {@code metadataUrl} that the refresh then
     * follows): validated like a new registration; with errors 422 and nothing changes.
     */
    @PUT
    @Path("{alias}/metadata")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response updateMetadata(@PathParam("alias") String alias, String body) {
        return authenticatedJson(body, (principal, request) ->
                new RegistrationUpdates(session, settings).updateMetadata(principal, alias, request, refresh));
    }

    /** A new client secret for a registered OIDC provider ({@code clientSecret}); it is never shown again. */
    @PUT
    @Path("{alias}/client-secret")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response updateClientSecret(@PathParam("alias") String alias, String body) {
        return authenticatedJson(body, (principal, request) ->
                new RegistrationUpdates(session, settings).updateClientSecret(principal, alias, request.get("clientSecret")));
    }

    /**
     * New settings for an agency directory ({@code directory}, optional {@code testLogin}): a new bind secret, timeouts
     * and pool size by the agency's admins, everything else by operators; checked like a registration, else nothing changes.
     */
    @PUT
    @Path("{alias}/directory")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response updateDirectory(@PathParam("alias") String alias, String body) {
        return authenticatedJson(body, (principal, request) -> new RegistrationUpdates(session, settings).updateDirectory(principal, alias, request));
    }

    /**
     * Requests a change of domains, profile, overrides, maximum assurance or acr table: 202, kept apart until another
     * operator approves it; the registration goes on working on its approved settings.
     */
    @POST
    @Path("{alias}/changes")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response requestChange(@PathParam("alias") String alias, String body) {
        return authenticatedJson(body, (principal, request) -> new TrustChanges(session).request(principal, alias, request));
    }

    /** Approves the pending change (a federation operator other than the requester; added domains proven). */
    @POST
    @Path("{alias}/changes/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response approveChange(@PathParam("alias") String alias, String body) {
        return authenticatedJson(body, (principal, request) ->
                new TrustChanges(session).approve(principal, alias, request.get("reviewed")));
    }

    /** Withdraws the pending change. */
    @jakarta.ws.rs.DELETE
    @Path("{alias}/changes")
    @Produces(MediaType.APPLICATION_JSON)
    public Response withdrawChange(@PathParam("alias") String alias) {
        return authenticated(principal -> new TrustChanges(session).withdraw(principal, alias));
    }

    /** Checks the DNS TXT proofs of the registration's domains ({@code domainProofs} says what to publish). */
    @POST
    @Path("{alias}/domain-proofs")
    @Produces(MediaType.APPLICATION_JSON)
    public Response proveDomains(@PathParam("alias") String alias) {
        return authenticated(principal -> new DomainProofs(session, settings).proveDomains(principal, alias));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response submit(String body) {
        return authenticatedJson(body, (principal, json) -> {
            RegistrationRequest request;
            try {
                request = RegistrationRequest.parse(json);
            } catch (de.dvc.iam.core.onboarding.RequestProblems.Invalid e) {
                return RegistrationService.Result.fields(400, "invalid_request", e.getMessage(), e.fields());
            } catch (IllegalArgumentException e) {
                return RegistrationService.Result.error(400, "invalid_request", e.getMessage());
            }
            return service().submit(principal, request);
        });
    }

    /**
     * One page of registrations in alias order ({@code limit} 1–500, default 100; {@code after}: the previous page's
     * {@code next}), filtered by {@code state}, {@code agency}, {@code protocol}, {@code domain}, {@code entityId} (SAML
     * entityID or OIDC issuer), {@code certificateExpiresWithinDays} and {@code refreshFailing}; with the total count.
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list(@jakarta.ws.rs.QueryParam("state") String state, @jakarta.ws.rs.QueryParam("agency") String agency,
                         @jakarta.ws.rs.QueryParam("protocol") String protocol, @jakarta.ws.rs.QueryParam("domain") String domain,
                         @jakarta.ws.rs.QueryParam("entityId") String entityId,
                         @jakarta.ws.rs.QueryParam("certificateExpiresWithinDays") String expiresWithinDays,
                         @jakarta.ws.rs.QueryParam("refreshFailing") String refreshFailing,
                         @jakarta.ws.rs.QueryParam("after") String after, @jakarta.ws.rs.QueryParam("limit") String limit) {
        return authenticated(principal -> {
            de.dvc.iam.keycloak.store.RegistrationStore.Filter filter;
            int size;
            try {
                if (state != null && java.util.Arrays.stream(de.dvc.iam.core.registration.RegistrationState.values())
                        .noneMatch(known -> known.code().equals(state))) {
                    throw new IllegalArgumentException("state is one of validated, tested, active, suspended, retired.");
                }
                if (protocol != null && !java.util.Set.of("saml", "oidc", "ldap").contains(protocol)) {
                    throw new IllegalArgumentException("protocol is saml, oidc or ldap.");
                }
                if (refreshFailing != null && !java.util.Set.of("true", "false").contains(refreshFailing)) {
                    throw new IllegalArgumentException("refreshFailing is true or false.");
                }
                Long expiresBefore = null;
                if (expiresWithinDays != null) {
                    int days = Integer.parseInt(expiresWithinDays);
                    if (days < 0 || days > 3650) {
                        throw new IllegalArgumentException("certificateExpiresWithinDays is 0 to 3650.");
                    }
                    expiresBefore = java.time.Instant.now().plus(java.time.Duration.ofDays(days)).toEpochMilli();
                }
                size = limit == null ? RegistrationService.DEFAULT_LIMIT : Integer.parseInt(limit);
                if (size < 1 || size > RegistrationService.MAX_LIMIT) {
                    throw new IllegalArgumentException("limit is 1 to " + RegistrationService.MAX_LIMIT + ".");
                }
                filter = new de.dvc.iam.keycloak.store.RegistrationStore.Filter(state, agency, protocol,
                        domain == null ? null : domain.trim().toLowerCase(java.util.Locale.ROOT), entityId, expiresBefore,
                        refreshFailing == null ? null : Boolean.valueOf(refreshFailing));
            } catch (IllegalArgumentException e) {
                return RegistrationService.Result.error(400, "invalid_request", e instanceof NumberFormatException
                        ? "limit and certificateExpiresWithinDays are whole numbers." : e.getMessage());
            }
            return service().list(principal, filter, after, size);
        });
    }

    @GET
    @Path("{alias}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response get(@PathParam("alias") String alias) {
        return authenticated(principal -> service().get(principal, alias));
    }

    @POST
    @Path("{alias}/transitions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response transition(@PathParam("alias") String alias, String body) {
        return authenticatedJson(body, (principal, request) -> {
            RegistrationAction action;
            try {
                action = RegistrationAction.fromCode(String.valueOf(request.get("action")));
            } catch (IllegalArgumentException e) {
                return RegistrationService.Result.error(400, "invalid_request", e.getMessage());
            }
            if (!action.byTransition()) {
                return RegistrationService.Result.error(400, "invalid_request", "Use approve, suspend, reactivate, retire or withdraw.");
            }
            Object reason = request.get("reason");
            return service().transition(principal, alias, action, reason == null ? null : String.valueOf(reason));
        });
    }

    /** Where a sandbox test login would return; it never does (the login stops at DVC's result page). */
    @GET
    @Path("sandbox-done")
    @Produces(MediaType.TEXT_PLAIN)
    public Response sandboxDone() {
        return Response.ok("The test login ends at DVC IAM's result page; you can close this window.\n").build();
    }

    private RegistrationService service() {
        return new RegistrationService(session, settings);
    }

    /** {@link #authenticated} for a JSON body: a body that is no JSON object is 400 before anything else. */
    private Response authenticatedJson(String body, BiFunction<Principal, Map<String, Object>, RegistrationService.Result> action) {
        return authenticated(principal -> {
            Map<String, Object> request;
            try {
                request = json(body);
            } catch (IllegalArgumentException e) {
                return RegistrationService.Result.error(400, "invalid_request", e.getMessage());
            }
            return action.apply(principal, request);
        });
    }

    private Response authenticated(Function<Principal, RegistrationService.Result> action) {
        if (!settings.realms().contains(session.getContext().getRealm().getName())) {
            // The API belongs to the federation's realm only; elsewhere it does not exist.
            return Response.status(404).type(MediaType.APPLICATION_JSON)
                    .entity(java.util.Map.of("error", "not_found", "message", "There is no registration API in this realm.")).build();
        }
        Callers.Caller caller = Callers.of(session, settings.access());
        RegistrationService.Result result = caller.principal() == null
                ? RegistrationService.Result.error(caller.status(), caller.error(), caller.message())
                : action.apply(caller.principal());
        if (result.status() >= 400) {
            // Nothing of a refused request may stay behind (the request's transaction is rolled back).
            session.getTransactionManager().setRollbackOnly();
        }
        return Response.status(result.status()).type(MediaType.APPLICATION_JSON).entity(result.body()).build();
    }

    private static Map<String, Object> json(String body) {
        return JsonBody.read(body);
    }
}
