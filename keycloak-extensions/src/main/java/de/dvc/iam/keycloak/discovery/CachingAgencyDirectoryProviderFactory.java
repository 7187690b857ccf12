package de.dvc.iam.keycloak.discovery;

import de.dvc.iam.core.discovery.AgencyDirectory;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Keeps one {@link AgencyDirectory} per realm in memory on this node. It is built in the background
 * when the server has started (for realms with organizations enabled; ~16 s for 12,000 agencies on
 * 2 cores), a request that arrives earlier waits for that build; after {@code refresh-seconds} (default 300) the next request triggers a rebuild in the
 * background and keeps being served the previous directory until the new one is ready. Every node
 * of a cluster refreshes on its own, so a new agency is findable everywhere within one interval.
 *
 * <p>Server option: {@code --spi-dvc-agency-directory--default--refresh-seconds=300}.
 */
public final class CachingAgencyDirectoryProviderFactory implements AgencyDirectoryProviderFactory {

    public static final String PROVIDER_ID = "default";
    static final String REFRESH_SECONDS = "refresh-seconds";
    /** A rebuild of 12,000 agencies costs ~20 s of one core: every 5 minutes, not every minute. */
    static final int DEFAULT_REFRESH_SECONDS = 300;

    private static final Logger LOG = Logger.getLogger(CachingAgencyDirectoryProviderFactory.class);

    private final Map<String, Snapshot> snapshots = new ConcurrentHashMap<>();
    private final Map<String, Boolean> refreshing = new ConcurrentHashMap<>();
    private Duration refreshInterval = Duration.ofSeconds(DEFAULT_REFRESH_SECONDS);
    private ExecutorService refresher;
    private KeycloakSessionFactory sessionFactory;

    private record Snapshot(AgencyDirectory directory, Instant builtAt) {
    }

    @Override
    public AgencyDirectoryProvider create(KeycloakSession session) {
        return realm -> directory(session, realm);
    }

    private AgencyDirectory directory(KeycloakSession session, RealmModel realm) {
        Snapshot snapshot = snapshots.get(realm.getId());
        if (snapshot == null) {
            // First use on this node: build in this request, or wait for the warm-up building it.
            snapshot = snapshots.computeIfAbsent(realm.getId(), id -> build(session, realm));
        } else if (snapshot.builtAt().plus(refreshInterval).isBefore(Instant.now())
                && refreshing.putIfAbsent(realm.getId(), Boolean.TRUE) == null) {
            String realmId = realm.getId();
            refresher.execute(() -> {
                try {
                    KeycloakModelUtils.runJobInTransaction(sessionFactory, s -> {
                        RealmModel current = s.realms().getRealm(realmId);
                        if (current == null) {
                            snapshots.remove(realmId);
                        } else {
                            snapshots.put(realmId, build(s, current));
                        }
                    });
                } catch (RuntimeException e) {
                    LOG.warnf("Refreshing the agency directory of realm %s failed, keeping the last one: %s", realmId, e);
                } finally {
                    refreshing.remove(realmId);
                }
            });
        }
        return snapshot.directory();
    }

    private static Snapshot build(KeycloakSession session, RealmModel realm) {
        long start = System.nanoTime();
        AgencyDirectory directory = AgencyDirectoryLoader.load(session, realm);
        LOG.infof("Agency directory of realm %s: %d agencies, built in %d ms", realm.getName(), directory.size(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        return new Snapshot(directory, Instant.now());
    }

    @Override
    public void init(Config.Scope config) {
        int seconds = config.getInt(REFRESH_SECONDS, DEFAULT_REFRESH_SECONDS);
        if (seconds < 1) {
            throw new IllegalArgumentException("spi-dvc-agency-directory--default--refresh-seconds must be at least 1, is " + seconds);
        }
        refreshInterval = Duration.ofSeconds(seconds);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        this.sessionFactory = factory;
        this.refresher = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "dvc-agency-directory-refresh");
            thread.setDaemon(true);
            return thread;
        });
        // Warm up once the database is migrated, so the first user does not wait for the build.
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                refresher.execute(this::warmUp);
            }
        });
    }

    private void warmUp() {
        try {
            KeycloakModelUtils.runJobInTransaction(sessionFactory, session -> session.realms().getRealmsStream()
                    .filter(RealmModel::isOrganizationsEnabled).map(RealmModel::getId).toList()
                    .forEach(realmId -> snapshots.computeIfAbsent(realmId,
                            id -> build(session, session.realms().getRealm(id)))));
        } catch (RuntimeException e) {
            LOG.warnf("Warming up the agency directories failed; they are built on first use: %s", e);
        }
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(REFRESH_SECONDS).type("int").defaultValue(DEFAULT_REFRESH_SECONDS)
                .helpText("Seconds after which a node rebuilds its in-memory agency directory in the background.")
                .add().build();
    }

    @Override
    public void close() {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
