package de.dvc.iam.keycloak.audit;

import de.dvc.iam.core.audit.AuditChain;
import de.dvc.iam.core.audit.AuditCsv;
import de.dvc.iam.core.audit.AuditEvent;
import de.dvc.iam.core.audit.AuditQuery;
import de.dvc.iam.keycloak.agency.KeycloakJpa;
import de.dvc.iam.keycloak.registration.Callers;
import de.dvc.iam.keycloak.registration.RegistrationResourceFactory;
import de.dvc.iam.keycloak.store.AuditStore;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.keycloak.models.KeycloakSession;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The audit query API at {@code /realms/<federation realm>/dvc-audit} (docs/audit-api.yaml): the same tokens as
 * the registration API ({@link Callers}). A federation operator queries every row and verifies the chains;
 * an agency admin queries her own agency's rows only. JSON by default, CSV with {@code format=csv}.
 */
public final class AuditResource {

    private final KeycloakSession session;
    private final AuditTrail trail;

    AuditResource(KeycloakSession session, AuditTrail trail) {
        this.session = session;
        this.trail = trail;
    }

    /** One page of rows, newest first; {@code nextCursor} fetches the next. */
    @GET
    @Path("events")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    public Response events() {
        return authorized(false, principal -> {
            UriInfo uri = session.getContext().getUri();
            AuditQuery query;
            try {
                query = AuditQuery.parse(name -> uri.getQueryParameters().getFirst(name), Instant.now());
            } catch (AuditQuery.Invalid e) {
                return error(400, "invalid_" + e.parameter(), e.getMessage());
            }
            String format = uri.getQueryParameters().getFirst("format");
            if (format != null && !format.isBlank() && !"json".equalsIgnoreCase(format) && !"csv".equalsIgnoreCase(format)) {
                return error(400, "invalid_format", "format is json (the default) or csv.");
            }
            Optional<AuditQuery> scoped = query.scopedTo(principal);
            if (scoped.isEmpty()) {
                return error(403, "forbidden", principal.adminOf().isPresent()
                        ? "Agency admins query their own agency (" + principal.adminOf().get() + ") only."
                        : "Only federation operators and agency admins query the audit trail.");
            }
            AuditStore.Page page = new AuditStore(KeycloakJpa.entityManager(session).orElseThrow())
                    .page(scoped.get(), session.getContext().getRealm().getId());
            if ("csv".equalsIgnoreCase(format)) {
                StringBuilder csv = new StringBuilder(AuditCsv.HEADER);
                page.rows().forEach(row -> csv.append(AuditCsv.line(row.event(), row.id(), row.hash())));
                Response.ResponseBuilder response = Response.ok(csv.toString(), "text/csv; charset=utf-8")
                        .header("Content-Disposition", "attachment; filename=\"dvc-audit.csv\"");
                return page.nextCursor() == null ? response.build() : response.header("X-Next-Cursor", page.nextCursor()).build();
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            page.rows().forEach(row -> rows.add(json(row)));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("from", scoped.get().from().toString());
            body.put("to", scoped.get().to().toString());
            body.put("events", rows);
            body.put("nextCursor", page.nextCursor());
            return Response.ok(body, MediaType.APPLICATION_JSON).build();
        });
    }

    /** Federation operators: every chain checked from its anchor to its head. */
    @GET
    @Path("verify")
    @Produces(MediaType.APPLICATION_JSON)
    public Response verify() {
        return authorized(true, principal -> {
            List<AuditChain.Verdict> verdicts = trail.verify(session.getKeycloakSessionFactory());
            List<Map<String, Object>> chains = new ArrayList<>();
            for (AuditChain.Verdict verdict : verdicts) {
                Map<String, Object> chain = new LinkedHashMap<>();
                chain.put("chain", verdict.chain());
                chain.put("rows", verdict.rows());
                chain.put("intact", verdict.intact());
                if (!verdict.intact()) {
                    chain.put("brokenAt", verdict.brokenAt());
                    chain.put("problem", verdict.problem());
                }
                chains.add(chain);
            }
            boolean intact = verdicts.stream().allMatch(AuditChain.Verdict::intact);
            return Response.ok(Map.of("intact", intact, "chains", chains), MediaType.APPLICATION_JSON).build();
        });
    }

    private Response authorized(boolean operatorOnly, java.util.function.Function<de.dvc.iam.core.registration.Principal, Response> action) {
        java.util.Optional<RegistrationResourceFactory> registrations = RegistrationResourceFactory.of(session)
                .filter(r -> r.realms().contains(session.getContext().getRealm().getName()));
        if (registrations.isEmpty()) {
            return error(404, "not_found", "There is no audit API in this realm.");
        }
        Callers.Caller caller = Callers.of(session, registrations.get().access());
        if (caller.principal() == null) {
            return error(caller.status(), caller.error(), caller.message());
        }
        if (operatorOnly && !caller.principal().operator()) {
            return error(403, "forbidden", "Only federation operators verify the audit trail.");
        }
        return action.apply(caller.principal());
    }

    private static Map<String, Object> json(AuditStore.Row row) {
        AuditEvent event = row.event();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", row.id());
        json.put("time", event.time().toString());
        json.put("type", event.type());
        json.put("outcome", event.outcome());
        putIfSet(json, "reason", event.reason());
        putIfSet(json, "user", event.user());
        putIfSet(json, "agencyUser", event.agencyUser());
        putIfSet(json, "agency", event.agency());
        putIfSet(json, "idp", event.idp());
        putIfSet(json, "acr", event.acr());
        putIfSet(json, "service", event.service());
        putIfSet(json, "actor", event.actor());
        json.put("hash", row.hash());
        return json;
    }

    private static void putIfSet(Map<String, Object> json, String name, String value) {
        if (value != null) {
            json.put(name, value);
        }
    }

    private static Response error(int status, String error, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("error", error, "message", message)).build();
    }
}
