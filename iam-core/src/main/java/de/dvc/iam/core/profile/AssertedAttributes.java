package de.dvc.iam.core.profile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an agency IdP asserted about a user in one login: SAML attributes (by name and by friendly
 * name), OIDC ID token and userinfo claims, or directory attributes. Names are matched exactly;
 * values keep the IdP's order; blank values are dropped.
 *
 * <p>Immutable and thread-safe.
 */
public final class AssertedAttributes {

    private final Map<String, List<String>> values;

    private AssertedAttributes(Map<String, List<String>> values) {
        this.values = values;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static AssertedAttributes of(Map<String, List<String>> values) {
        Builder builder = builder();
        values.forEach((name, list) -> list.forEach(value -> builder.add(name, value)));
        return builder.build();
    }

    /** All values of {@code name}, empty if the IdP did not send it. */
    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    public Optional<String> first(String name) {
        List<String> all = all(name);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** The attribute names the IdP sent, for diagnostics (never their values: they are personal data). */
    public List<String> names() {
        return List.copyOf(values.keySet());
    }

    /** Collects attribute values; not thread-safe. */
    public static final class Builder {
        private final Map<String, List<String>> values = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder add(String name, String value) {
            if (name != null && !name.isBlank() && value != null && !value.isBlank()) {
                values.computeIfAbsent(name, n -> new ArrayList<>()).add(value.trim());
            }
            return this;
        }

        public AssertedAttributes build() {
            Map<String, List<String>> copy = new LinkedHashMap<>();
            values.forEach((name, list) -> copy.put(name, List.copyOf(list)));
            return new AssertedAttributes(Collections.unmodifiableMap(copy));
        }
    }
}
