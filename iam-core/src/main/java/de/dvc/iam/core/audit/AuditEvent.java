package de.dvc.iam.core.audit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of the DVC audit trail (a row of its table and a JSON line of its log): a login, a refusal, a
 * token issued to a service, a registration action or an action of the audit trail itself. Holds only
 * pseudonymous and organisational data: never a token, password, assertion, name or email address. The
 * time has millisecond precision, as stored.
 *
 * @param time      when it happened
 * @param type      {@value #LOGIN}, {@value #REFUSAL}, {@value #TOKEN}, {@value #REGISTRATION} or {@value #AUDIT}
 * @param user      pseudonym of the user ({@link Pseudonym}); null if no user was known
 * @param agencyUser the user's id as her agency asserted it (the IdP subject): shown to that agency's admins,
 *                  never to services; null if not known
 * @param agency    agency id; null if not known
 * @param idp       agency IdP alias; null if not known
 * @param acr       the login's assurance level code; null if not known
 * @param service   the client id of the service; null if not known
 * @param outcome   {@code success} or {@code refused}; for a registration the action ({@code approve}, …); for
 *                  the audit trail {@code chain-opened} or {@code retention}
 * @param reason    refusal reason code (docs/claims.md, "Refusals"), or the stated reason or detail of an action; null on success
 * @param actor     who acted (user id of an operator or agency admin, {@code system}); null for logins and tokens
 */
public record AuditEvent(Instant time, String type, String user, String agencyUser, String agency, String idp, String acr,
                         String service, String outcome, String reason, String actor) {

    public static final String LOGIN = "login";
    public static final String REFUSAL = "refusal";
    public static final String TOKEN = "token";
    public static final String REGISTRATION = "registration";
    public static final String AUDIT = "audit";

    /**
     * Values are cut to the lengths the audit table holds and NUL characters removed (PostgreSQL refuses them): an IdP
     * that asserts a 10,000-character subject must not make the row, and the rows written with it, fail.
     */
    public AuditEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(outcome, "outcome");
        time = Instant.ofEpochMilli(time.toEpochMilli());
        type = clip(type, 32);
        user = clip(user, 64);
        agencyUser = clip(agencyUser, 255);
        agency = clip(agency, 255);
        idp = clip(idp, 255);
        acr = clip(acr, 32);
        service = clip(service, 255);
        outcome = clip(outcome, 32);
        reason = clip(reason, 500);
        actor = clip(actor, 255);
    }

    static String clip(String value, int max) {
        if (value == null) {
            return null;
        }
        String clean = value.indexOf('\u0000') >= 0 ? value.replace("\u0000", "") : value;
        if (clean.length() <= max) {
            return clean;
        }
        int end = Character.isHighSurrogate(clean.charAt(max - 1)) ? max - 1 : max;
        return clean.substring(0, end);
    }

    public static AuditEvent login(Instant time, String user, String agencyUser, String agency, String idp, String acr, String service) {
        return new AuditEvent(time, LOGIN, user, agencyUser, agency, idp, acr, service, "success", null, null);
    }

    public static AuditEvent refusal(Instant time, String user, String agencyUser, String agency, String idp, String acr,
                                     String service, String reason) {
        return new AuditEvent(time, REFUSAL, user, agencyUser, agency, idp, acr, service, "refused", Objects.requireNonNull(reason), null);
    }

    /** Tokens issued to a service (code exchange or refresh) for a brokered login. */
    public static AuditEvent token(Instant time, String user, String agencyUser, String agency, String idp, String acr, String service) {
        return new AuditEvent(time, TOKEN, user, agencyUser, agency, idp, acr, service, "success", null, null);
    }

    /** An action on an agency IdP registration ({@code action}: submit, approve, suspend, …). */
    public static AuditEvent registration(Instant time, String agency, String idp, String action, String actor, String reason) {
        return new AuditEvent(time, REGISTRATION, null, null, agency, idp, null, null, Objects.requireNonNull(action), reason, actor);
    }

    /** An action of the audit trail itself ({@code action}: chain-opened, retention). */
    public static AuditEvent audit(Instant time, String action, String detail) {
        return new AuditEvent(time, AUDIT, null, null, null, null, null, null, Objects.requireNonNull(action), detail, "system");
    }

    /**
     * One line of JSON, fields in a fixed order, nulls left out. The agency's own user id is not in it: an agency may
     * use an email address as subject, and log lines go to systems outside the federation (SIEM); it stays in the row.
     */
    public String toJson() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("time", time.toString());
        fields.put("type", type);
        fields.put("outcome", outcome);
        fields.put("reason", reason);
        fields.put("user", user);
        fields.put("agency", agency);
        fields.put("idp", idp);
        fields.put("acr", acr);
        fields.put("service", service);
        fields.put("actor", actor);
        StringBuilder json = new StringBuilder("{");
        fields.forEach((name, value) -> {
            if (value != null) {
                if (json.length() > 1) {
                    json.append(',');
                }
                json.append('"').append(name).append("\":");
                appendString(json, value);
            }
        });
        return json.append('}').toString();
    }

    private static void appendString(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
