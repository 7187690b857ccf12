package de.dvc.iam.keycloak.discovery;

import de.dvc.iam.core.discovery.AgencyDirectory;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.Provider;

/** The searchable directory of a realm's agencies, kept in memory on each node. */
public interface AgencyDirectoryProvider extends Provider {

    /**
     * The realm's directory, seconds behind the latest change (docs/architecture.md); empty while this node still
     * builds it after a start ({@link #complete} false). Lookups by IdP fall back to the database for what it lacks.
     */
    AgencyDirectory directory(RealmModel realm);

    /** Whether the realm's directory is built on this node (false while it warms up after a start). */
    default boolean complete(RealmModel realm) {
        return true;
    }

    @Override
    default void close() {
        // the provider is a view on the factory's cache; nothing to release
    }
}
