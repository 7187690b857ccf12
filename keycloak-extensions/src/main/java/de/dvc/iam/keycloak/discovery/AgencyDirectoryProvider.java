package de.dvc.iam.keycloak.discovery;

import de.dvc.iam.core.discovery.AgencyDirectory;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.Provider;

/** The searchable directory of a realm's agencies, kept in memory on each node. */
public interface AgencyDirectoryProvider extends Provider {

    /** The realm's directory; may be up to one refresh interval old (docs/architecture.md). */
    AgencyDirectory directory(RealmModel realm);

    @Override
    default void close() {
        // the provider is a view on the factory's cache; nothing to release
    }
}
