package de.dvc.iam.core.audit;

import java.util.List;

/**
 * The CSV export of the audit trail (RFC 4180, UTF-8, comma-separated, CRLF). A value that a spreadsheet
 * would run as a formula ({@code = + - @}, tab, carriage return at the start) is prefixed with an
 * apostrophe: agency-supplied values (IdP aliases, reasons) must not become formulas on an auditor's
 * machine (OWASP "CSV injection").
 */
public final class AuditCsv {

    public static final String HEADER = "time,type,outcome,reason,user,agencyUser,agency,idp,acr,service,actor,id,hash\r\n";

    private AuditCsv() {
    }

    /** One line, with the row's id and chain hash. */
    public static String line(AuditEvent event, String id, String hash) {
        List<String> values = java.util.Arrays.asList(event.time().toString(), event.type(), event.outcome(), event.reason(),
                event.user(), event.agencyUser(), event.agency(), event.idp(), event.acr(), event.service(), event.actor(), id, hash);
        StringBuilder line = new StringBuilder(160);
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(cell(values.get(i)));
        }
        return line.append("\r\n").toString();
    }

    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String safe = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0 || safe.indexOf('\r') >= 0) {
            return '"' + safe.replace("\"", "\"\"") + '"';
        }
        return safe;
    }
}
