package de.dvc.iam.core.agency;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the federation fixture format ({@code fixtures/agencies.csv}): RFC 4180 CSV with the
 * header {@code id,name,short_name,level,state,ags,ars,domain}. A bad row fails the whole read with
 * its line number, so a loader never applies half a file; official keys are checked for what they say
 * ({@link OfficialKeys}: AGS and state, ARS and AGS, keys and level), not only for their format.
 */
public final class AgencyCsv {

    /** One row: the agency and its email domain. */
    public record Row(Agency agency, String domain) {
    }

    private static final String HEADER = "id,name,short_name,level,state,ags,ars,domain";

    private AgencyCsv() {
    }

    /** @throws IllegalArgumentException naming the line and what is wrong with it */
    public static List<Row> read(Reader source) throws IOException {
        BufferedReader reader = new BufferedReader(source);
        String header = reader.readLine();
        if (header == null || !HEADER.equals(header.strip().replace("\uFEFF", ""))) {
            throw new IllegalArgumentException("Line 1: expected the header '" + HEADER + "'.");
        }
        List<Row> rows = new ArrayList<>();
        String line;
        int number = 1;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            List<String> fields = fields(line, number);
            if (fields.size() != 8) {
                throw new IllegalArgumentException("Line " + number + ": expected 8 fields, found " + fields.size() + ".");
            }
            try {
                Agency agency = Agency.builder(fields.get(0), fields.get(1), AgencyLevel.fromCode(fields.get(3)))
                        .shortName(fields.get(2)).state(fields.get(4)).ags(fields.get(5)).ars(fields.get(6)).build();
                List<OfficialKeys.Violation> violations = OfficialKeys.check(agency);
                if (!violations.isEmpty()) {
                    throw new IllegalArgumentException("Agency '" + agency.id() + "': " + violations.stream()
                            .map(OfficialKeys.Violation::text).collect(java.util.stream.Collectors.joining(" ")));
                }
                rows.add(new Row(agency, fields.get(7).trim().toLowerCase(java.util.Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Line " + number + ": " + e.getMessage(), e);
            }
        }
        return rows;
    }

    private static List<String> fields(String line, int number) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.length() == 0) {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("Line " + number + ": a quoted field is not closed.");
        }
        fields.add(field.toString());
        return fields;
    }
}
