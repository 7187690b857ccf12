package de.dvc.iam.core.registration;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The validation report of an agency IdP registration: machine-readable ({@link #toMap()}) and
 * readable by a person ({@link #toText()}). Valid when it has no error.
 *
 * <p>Immutable once built; the builder is not thread-safe.
 */
public final class ValidationReport {

    private final List<Finding> findings;

    private ValidationReport(List<Finding> findings) {
        this.findings = Collections.unmodifiableList(new ArrayList<>(findings));
    }

    public static ValidationReport of(List<Finding> findings) {
        return new ValidationReport(findings);
    }

    public List<Finding> findings() {
        return findings;
    }

    public boolean valid() {
        return findings.stream().noneMatch(f -> f.severity() == Finding.Severity.ERROR);
    }

    /** The first error, in the order found: what a failed refresh records as its reason. */
    public java.util.Optional<Finding> firstError() {
        return findings.stream().filter(f -> f.severity() == Finding.Severity.ERROR).findFirst();
    }

    public boolean has(String code) {
        return findings.stream().anyMatch(f -> f.code().equals(code));
    }

    /**
     * {@code {"valid": bool, "findings": [{"severity", "code", "message", "fix"}], "text": "…"}} for the API:
     * the findings for programs, {@code text} ({@link #toText()}) for people.
     */
    public Map<String, Object> toMap() {
        List<Map<String, String>> list = new ArrayList<>();
        for (Finding finding : findings) {
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("severity", finding.severity().name().toLowerCase(java.util.Locale.ROOT));
            entry.put("code", finding.code());
            entry.put("message", finding.message());
            entry.put("fix", finding.fix());
            list.add(entry);
        }
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("valid", valid());
        map.put("findings", list);
        map.put("text", toText());
        return map;
    }

    /** One line per finding, errors first: "ERROR key_too_weak: … Fix: …". */
    public String toText() {
        if (findings.isEmpty()) {
            return "No findings: the registration is valid.";
        }
        StringBuilder text = new StringBuilder();
        findings.stream().sorted(java.util.Comparator.comparing(Finding::severity)).forEach(f -> text
                .append(f.severity()).append(' ').append(f.code()).append(": ").append(f.message())
                .append(" Fix: ").append(f.fix()).append('\n'));
        return text.toString();
    }
}
