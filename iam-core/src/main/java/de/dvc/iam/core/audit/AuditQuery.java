package de.dvc.iam.core.audit;

import de.dvc.iam.core.registration.Principal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A query of the audit trail as the API accepts it: a time range (at most {@value #MAX_DAYS} days, default
 * the last 24 hours), filters, a page size and a cursor, newest first. {@link #scopedTo} applies who may
 * see what: a federation operator everything, an agency admin only her own agency's rows.
 *
 * @param from    start of the range, inclusive
 * @param to      end of the range, exclusive
 * @param agency  agency id or null
 * @param idp     IdP alias or null
 * @param service client id or null
 * @param user    user pseudonym or null
 * @param type    event type or null
 * @param outcome outcome or null
 * @param limit   page size, 1 to {@value #MAX_LIMIT}
 * @param after   the cursor: rows strictly older than this position; null for the first page
 */
public record AuditQuery(Instant from, Instant to, String agency, String idp, String service, String user, String type,
                         String outcome, int limit, Position after) {

    public static final int MAX_LIMIT = 1000;
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_DAYS = 366;
    static final Set<String> TYPES = Set.of(AuditEvent.LOGIN, AuditEvent.REFUSAL, AuditEvent.TOKEN, AuditEvent.REGISTRATION, AuditEvent.AUDIT);

    /** A position in the order of the trail (time descending, then row id descending). */
    public record Position(long timeMillis, String id) {
        public String cursor() {
            return Base64.getUrlEncoder().withoutPadding().encodeToString((timeMillis + "|" + id).getBytes(StandardCharsets.UTF_8));
        }

        static Position parse(String cursor) {
            String decoded;
            try {
                decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new Invalid("cursor", "Pass the cursor exactly as the previous page returned it (nextCursor).");
            }
            int bar = decoded.indexOf('|');
            try {
                if (bar < 1 || bar == decoded.length() - 1 || decoded.length() > 200) {
                    throw new NumberFormatException();
                }
                return new Position(Long.parseLong(decoded.substring(0, bar)), decoded.substring(bar + 1));
            } catch (NumberFormatException e) {
                throw new Invalid("cursor", "Pass the cursor exactly as the previous page returned it (nextCursor).");
            }
        }
    }

    /** A parameter the query cannot use; {@code message} says what is expected. */
    public static final class Invalid extends IllegalArgumentException {
        private final String parameter;

        public Invalid(String parameter, String message) {
            super(message);
            this.parameter = parameter;
        }

        public String parameter() {
            return parameter;
        }
    }

    /**
     * Reads a query from request parameters ({@code from}, {@code to} as ISO-8601 instants; {@code agency},
     * {@code idp}, {@code service}, {@code user}, {@code type}, {@code outcome}, {@code limit}, {@code cursor}).
     *
     * @throws Invalid naming the parameter and what it must look like
     */
    public static AuditQuery parse(Function<String, String> parameters, Instant now) {
        Instant to = instant(parameters.apply("to"), "to").orElse(now);
        Instant from = instant(parameters.apply("from"), "from").orElse(to.minus(Duration.ofDays(1)));
        if (!from.isBefore(to)) {
            throw new Invalid("from", "from must be before to.");
        }
        if (Duration.between(from, to).compareTo(Duration.ofDays(MAX_DAYS)) > 0) {
            throw new Invalid("from", "A query spans at most " + MAX_DAYS + " days; page through longer periods by range.");
        }
        String type = text(parameters.apply("type"), "type");
        if (type != null && !TYPES.contains(type)) {
            throw new Invalid("type", "type is one of " + String.join(", ", TYPES.stream().sorted().toList()) + ".");
        }
        int limit = DEFAULT_LIMIT;
        String rawLimit = parameters.apply("limit");
        if (rawLimit != null && !rawLimit.isBlank()) {
            try {
                limit = Integer.parseInt(rawLimit.trim());
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new Invalid("limit", "limit is a number from 1 to " + MAX_LIMIT + ".");
            }
        }
        String cursor = parameters.apply("cursor");
        return new AuditQuery(from, to, text(parameters.apply("agency"), "agency"), text(parameters.apply("idp"), "idp"),
                text(parameters.apply("service"), "service"), text(parameters.apply("user"), "user"), type,
                text(parameters.apply("outcome"), "outcome"), limit,
                cursor == null || cursor.isBlank() ? null : Position.parse(cursor.trim()));
    }

    /**
     * The query as {@code principal} may run it: an operator's unchanged, an agency admin's bound to her agency.
     * Empty if the principal may not query the trail, or asks for another agency.
     */
    public Optional<AuditQuery> scopedTo(Principal principal) {
        if (principal.operator()) {
            return Optional.of(this);
        }
        String own = principal.adminOf().filter(id -> !id.isBlank()).orElse(null);
        if (own == null || (agency != null && !agency.equals(own))) {
            return Optional.empty();
        }
        return Optional.of(new AuditQuery(from, to, own, idp, service, user, type, outcome, limit, after));
    }

    /** The filters that are set, by column name, for the store. */
    public Map<String, String> filters() {
        java.util.LinkedHashMap<String, String> filters = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, String> entry : List.of(Map.entry("agency", nz(agency)), Map.entry("idp", nz(idp)),
                Map.entry("service", nz(service)), Map.entry("user", nz(user)), Map.entry("type", nz(type)), Map.entry("outcome", nz(outcome)))) {
            if (!entry.getValue().isEmpty()) {
                filters.put(entry.getKey(), entry.getValue());
            }
        }
        return filters;
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }

    private static Optional<Instant> instant(String value, String name) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            Instant instant = Instant.parse(value.trim());
            instant.toEpochMilli(); // rows keep milliseconds since 1970: an instant beyond them is no valid bound
            return Optional.of(instant);
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new Invalid(name, name + " is an ISO-8601 instant in UTC, e.g. 2026-11-30T08:00:00Z.");
        }
    }

    private static String text(String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.trim();
        if (trimmed.length() > 255) {
            throw new Invalid(name, name + " is at most 255 characters.");
        }
        return trimmed;
    }
}
