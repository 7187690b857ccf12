package de.dvc.iam.core.audit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One line of the DVC audit log: a login or a refusal. Holds only pseudonymous and
 * organisational data: never a token, password, assertion, name or email address.
 *
 * @param time      when it happened
 * @param type      {@code login} or {@code refusal}
 * @param user      pseudonym of the user ({@link Pseudonym}); null if no user was known
 * @param agency    agency id; null if not known
 * @param idp       agency IdP alias; null if not known
 * @param acr       the login's assurance level code; null if not known
 * @param service   the client id of the service; null if not known
 * @param outcome   {@code success} or {@code refused}
 * @param reason    refusal reason code (docs/claims.md, "Refusals"); null on success
 */
public record AuditEvent(Instant time, String type, String user, String agency, String idp, String acr,
                         String service, String outcome, String reason) {

    public AuditEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(outcome, "outcome");
    }

    public static AuditEvent login(Instant time, String user, String agency, String idp, String acr, String service) {
        return new AuditEvent(time, "login", user, agency, idp, acr, service, "success", null);
    }

    public static AuditEvent refusal(Instant time, String user, String agency, String idp, String acr,
                                     String service, String reason) {
        return new AuditEvent(time, "refusal", user, agency, idp, acr, service, "refused", Objects.requireNonNull(reason));
    }

    /** One line of JSON, fields in a fixed order, nulls left out. */
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
