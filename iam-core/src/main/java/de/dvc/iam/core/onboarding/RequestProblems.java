package de.dvc.iam.core.onboarding;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What is wrong with a request, by field (JSON pointer-like names such as {@code contacts[0].email}): all problems
 * at once, so a form can show each at its field. Not thread-safe; thrown as {@link Invalid} once complete.
 */
public final class RequestProblems {

    private final Map<String, String> byField = new LinkedHashMap<>();

    public void add(String field, String message) {
        byField.putIfAbsent(field, message);
    }

    /** The problems so far, by field. */
    public Map<String, String> fields() {
        return Collections.unmodifiableMap(byField);
    }

    public boolean isEmpty() {
        return byField.isEmpty();
    }

    /** Throws {@link Invalid} if any problem was found. */
    public void throwIfAny() {
        if (!byField.isEmpty()) {
            throw new Invalid(Collections.unmodifiableMap(new LinkedHashMap<>(byField)));
        }
    }

    /** A request with problems; {@link #getMessage()} lists them all. */
    public static final class Invalid extends IllegalArgumentException {
        private final transient Map<String, String> fields;

        Invalid(Map<String, String> fields) {
            super(String.join(" ", fields.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList()));
            this.fields = fields;
        }

        /** Field name → what is wrong and how to fix it. */
        public Map<String, String> fields() {
            return fields;
        }
    }
}
