package de.dvc.iam.core.audit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class AuditCsvTest {

    private static final Instant TIME = Instant.parse("2026-11-27T08:00:00.123Z");
    private static final String HASH = "ab".repeat(32);

    private static String[] cells(String line) {
        assertThat(line).endsWith("\r\n");
        return line.substring(0, line.length() - 2).split(",", -1);
    }

    @Test
    void theHeaderNamesThirteenColumns() {
        assertThat(AuditCsv.HEADER).endsWith("\r\n");
        assertThat(cells(AuditCsv.HEADER)).containsExactly("time", "type", "outcome", "reason", "user", "agencyUser", "agency",
                "idp", "acr", "service", "actor", "id", "hash");
    }

    @Test
    void aLineHasOneCellPerColumnInHeaderOrder() {
        AuditEvent event = new AuditEvent(TIME, AuditEvent.REFUSAL, "p-1", "sub-1", "berlin", "berlin-idp", "normal",
                "demo-service", "refused", "assurance_too_low", "operator-7");

        String line = AuditCsv.line(event, "r-42", HASH);

        assertThat(line).isEqualTo("2026-11-27T08:00:00.123Z,refusal,refused,assurance_too_low,p-1,sub-1,berlin,berlin-idp,"
                + "normal,demo-service,operator-7,r-42," + HASH + "\r\n");
        assertThat(cells(line)).hasSameSizeAs(cells(AuditCsv.HEADER));
    }

    @Test
    void nullsAreEmptyCells() {
        AuditEvent event = AuditEvent.audit(TIME, "retention", null);

        String line = AuditCsv.line(event, null, HASH);

        assertThat(line).isEqualTo("2026-11-27T08:00:00.123Z,audit,retention,,,,,,,,system,," + HASH + "\r\n");
        assertThat(cells(line)).hasSameSizeAs(cells(AuditCsv.HEADER));
    }

    @Test
    void quotesCommasQuotesAndLineBreaksPerRfc4180() {
        AuditEvent event = AuditEvent.registration(TIME, "berlin", "berlin-idp", "reject", "operator-7",
                "metadata \"v2\", expired\r\nsee ticket");

        String line = AuditCsv.line(event, "r-1", HASH);

        assertThat(line).contains(",\"metadata \"\"v2\"\", expired\r\nsee ticket\",").endsWith("," + HASH + "\r\n");
        assertThat(AuditCsv.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(AuditCsv.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(AuditCsv.cell("\"")).isEqualTo("\"\"\"\"");
        assertThat(AuditCsv.cell("x\ny")).isEqualTo("\"x\ny\"");
        assertThat(AuditCsv.cell("x\ry")).isEqualTo("\"x\ry\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"=HYPERLINK(\"http://evil.example\")", "+49 30 1234", "-2+3", "@SUM(A1:A2)", "\tcmd", "=1"})
    void prefixesWhatASpreadsheetWouldRunAsAFormula(String value) {
        String cell = AuditCsv.cell(value);

        String unquoted = cell.startsWith("\"") ? cell.substring(1, cell.length() - 1).replace("\"\"", "\"") : cell;
        assertThat(unquoted).isEqualTo("'" + value);
    }

    @Test
    void aFormulaInAnEventFieldIsDefusedInTheLine() {
        AuditEvent event = AuditEvent.login(TIME, "p-1", "=cmd|' /C calc'!A0", "berlin", "@evil", null, "demo-service");

        String line = AuditCsv.line(event, "r-1", HASH);

        assertThat(line).contains(",'=cmd|' /C calc'!A0,", ",'@evil,").doesNotContain(",=", ",@");
    }

    @Test
    void aFormulaWithACommaIsPrefixedAndQuoted() {
        assertThat(AuditCsv.cell("=1,2")).isEqualTo("\"'=1,2\"");
        assertThat(AuditCsv.cell("\r=1")).isEqualTo("\"'\r=1\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"berlin-senfin", "p-0a1b", "domain_binding", "a=b", "x@y.example", "1-2", "O'Brien", "Straße"})
    void leavesOrdinaryValuesAlone(String value) {
        assertThat(AuditCsv.cell(value)).isEqualTo(value);
    }

    @Test
    void emptyAndNullAreEmptyCells() {
        assertThat(AuditCsv.cell(null)).isEmpty();
        assertThat(AuditCsv.cell("")).isEmpty();
    }
}
