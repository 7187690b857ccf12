package de.dvc.iam.core.assurance;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The assurance an agency IdP is registered for: its maximum level and the table that maps what it
 * reports (SAML {@code AuthnContextClassRef}, OIDC {@code acr}) to a level. The eIDAS URIs are always
 * understood; anything the table does not know counts as {@link AssuranceLevel#NORMAL}. A login's
 * level never exceeds the maximum, whatever the IdP reports.
 *
 * <p>Immutable and thread-safe.
 */
public final class IdpAssurance {

    private final AssuranceLevel maximum;
    private final Map<String, AssuranceLevel> table;

    public IdpAssurance(AssuranceLevel maximum, Map<String, AssuranceLevel> table) {
        this.maximum = Objects.requireNonNull(maximum, "maximum");
        Map<String, AssuranceLevel> copy = new LinkedHashMap<>(table);
        for (AssuranceLevel level : AssuranceLevel.values()) {
            copy.putIfAbsent(level.acr(), level);
        }
        this.table = Collections.unmodifiableMap(copy);
    }

    /**
     * Reads a table written one mapping per line, {@code reported value = level}, e.g.
     * {@code urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport = normal}.
     *
     * @throws IllegalArgumentException naming the line and what is wrong
     */
    public static IdpAssurance parse(String maximum, String tableText) {
        AssuranceLevel max = maximum == null || maximum.isBlank() ? AssuranceLevel.NORMAL : AssuranceLevel.parse(maximum);
        Map<String, AssuranceLevel> table = new LinkedHashMap<>();
        if (tableText != null) {
            String[] lines = tableText.split("\\R");
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].trim();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int eq = line.lastIndexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("Assurance table, line " + (i + 1)
                            + ": expected 'reported value = level', got '" + line + "'");
                }
                try {
                    table.put(line.substring(0, eq).trim(), AssuranceLevel.parse(line.substring(eq + 1)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("Assurance table, line " + (i + 1) + ": " + e.getMessage());
                }
            }
        }
        return new IdpAssurance(max, table);
    }

    public AssuranceLevel maximum() {
        return maximum;
    }

    /** The level of a login that reported {@code reported} (empty if the IdP reported nothing). */
    public AssuranceLevel levelOf(Optional<String> reported) {
        AssuranceLevel mapped = reported.map(table::get).orElse(AssuranceLevel.NORMAL);
        return AssuranceLevel.min(mapped, maximum);
    }

    /**
     * What to ask the IdP for when a service needs {@code required}: the first reported value the
     * table maps to exactly that level. Empty if the IdP cannot reach it (its maximum is lower).
     */
    public Optional<String> requestFor(AssuranceLevel required) {
        if (!maximum.atLeast(required)) {
            return Optional.empty();
        }
        return table.entrySet().stream().filter(e -> e.getValue() == required).map(Map.Entry::getKey).findFirst();
    }
}
