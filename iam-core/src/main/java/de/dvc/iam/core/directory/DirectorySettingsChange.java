package de.dvc.iam.core.directory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a change of a registered directory's settings changes (the submitted settings as stored, without the bind secret,
 * against the wanted ones), and whether an agency admin may make it: how DVC talks to the directory (a new bind secret,
 * timeouts, pool size) is the agency's; whom the directory vouches for (URL, CA, base DN, filter, login attribute,
 * profile, group roles) only an operator's.
 *
 * @param changed   the names of the settings that differ (never {@code bindSecret})
 * @param newSecret whether a new bind secret comes with it
 */
public record DirectorySettingsChange(Set<String> changed, boolean newSecret) {

    /** Settings an agency admin may change herself. */
    public static final Set<String> OPERATIONAL = Set.of("connectTimeoutMillis", "bindTimeoutMillis", "searchTimeoutMillis", "poolSize");

    public DirectorySettingsChange {
        changed = Collections.unmodifiableSet(new TreeSet<>(changed));
    }

    public static DirectorySettingsChange between(Map<String, Object> stored, Map<String, Object> wanted) {
        Set<String> names = new TreeSet<>(stored.keySet());
        names.addAll(wanted.keySet());
        names.remove("bindSecret");
        Set<String> changed = new TreeSet<>();
        for (String name : names) {
            if (!Objects.equals(stored.get(name), wanted.get(name))) {
                changed.add(name);
            }
        }
        return new DirectorySettingsChange(changed, wanted.get("bindSecret") instanceof String);
    }

    /** The changed settings only an operator may change (empty: an agency admin may make the change). */
    public Set<String> operatorOnly() {
        Set<String> only = new TreeSet<>(changed);
        only.removeAll(OPERATIONAL);
        return only;
    }

    /** The history's words for it: the changed names, never a value, never the secret. */
    public String note() {
        List<String> noted = new ArrayList<>(changed);
        if (newSecret) {
            noted.add("bind secret replaced");
        }
        return noted.isEmpty() ? "settings unchanged" : String.join(", ", noted);
    }
}
