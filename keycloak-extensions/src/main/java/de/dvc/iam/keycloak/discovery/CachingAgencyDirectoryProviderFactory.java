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
 * 2 cores), a request that arrives earlier waits for that build.
 *
 * <p>A change to an agency or an IdP on any node moves the realm's {@link DirectoryVersion}; every node polls the
 * versions every {@code change-poll-seconds} (default 2) and rebuilds a changed realm's directory in the background,
 * serving the previous one until the new one is ready. So a change reaches discovery on every node within the poll
 * interval plus one build (about 1 s at demo size, about 20 s at 12,000 agencies: a full build, not yet incremental).
 * After {@code refresh-seconds} (default 300) a rebuild happens anyway, for changes made past DVC's hooks (e.g. in
 * the database by hand).
 *
 * <p>Server options: {@code --spi-dvc-agency-directory--default--refresh-seconds=300},
 * {@code --spi-dvc-agency-directory--default--change-poll-seconds=2}.
 */
public final class CachingAgencyDirectoryProviderFactory implements AgencyDirectoryProviderFactory {

    public static final String PROVIDER_ID = "default";
    static final String REFRESH_SECONDS = "refresh-seconds";
    /** A rebuild of 12,000 agencies costs ~20 s of one core: every 5 minutes, not every minute. */
    static final int DEFAULT_REFRESH_SECONDS = 300;
    static final String CHANGE_POLL_SECONDS = "change-poll-seconds";
    static final int DEFAULT_CHANGE_POLL_SECONDS = 2;

    private static final Logger LOG = Logger.getLogger(CachingAgencyDirectoryProviderFactory.class);

    private final Map<String, Snapshot> snapshots = new ConcurrentHashMap<>();
    private final Map<String, Boolean> refreshing = new ConcurrentHashMap<>();
    private Duration refreshInterval = Duration.ofSeconds(DEFAULT_REFRESH_SECONDS);
    private int changePollSeconds = DEFAULT_CHANGE_POLL_SECONDS;
    private ExecutorService refresher;
    private java.util.concurrent.ScheduledExecutorService changePoller;
    private KeycloakSessionFactory sessionFactory;

    /** A built directory, when it was built and the {@link DirectoryVersion} it was built from. */
    private record Snapshot(AgencyDirectory directory, Instant builtAt, String version) {
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
        } else if (snapshot.builtAt().plus(refreshInterval).isBefore(Instant.now())) {
            rebuildInBackground(realm.getId(), "periodic");
        }
        return snapshot.directory();
    }

    /** Rebuilds a realm's directory on the refresher thread unless a rebuild of it is already under way. */
    private void rebuildInBackground(String realmId, String reason) {
        if (refreshing.putIfAbsent(realmId, Boolean.TRUE) != null) {
            return;
        }
        try {
            refresher.execute(() -> {
                try {
                    // In a transaction of its own, before the build's: a nested one cannot enlist its connection.
                    DirectoryVersion.ensure(sessionFactory, realmId);
                    KeycloakModelUtils.runJobInTransaction(sessionFactory, s -> {
                        RealmModel current = s.realms().getRealm(realmId);
                        if (current == null) {
                            snapshots.remove(realmId);
                        } else {
                            LOG.debugf("Rebuilding the agency directory of realm %s (%s)", current.getName(), reason);
                            snapshots.put(realmId, build(s, current));
                        }
                    });
                } catch (RuntimeException e) {
                    LOG.warnf("Refreshing the agency directory of realm %s failed, keeping the last one: %s", realmId, e);
                } finally {
                    refreshing.remove(realmId);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            refreshing.remove(realmId); // shutting down
        }
    }

    /** Rebuilds every directory of this node whose realm's version moved since it was built. */
    private void pollChanges() {
        if (snapshots.isEmpty()) {
            return;
        }
        try {
            Map<String, String> versions = KeycloakModelUtils.runJobInTransactionWithResult(sessionFactory, DirectoryVersion::all);
            snapshots.forEach((realmId, snapshot) -> {
                String version = versions.get(realmId);
                if (version != null && !version.equals(snapshot.version())) {
                    // A second later: the change's own node invalidates its caches only after the database commit that
                    // moved the version, and a build in between would read the old agency under the new version.
                    changePoller.schedule(() -> rebuildInBackground(realmId, "changed"), 1, TimeUnit.SECONDS);
                }
            });
        } catch (RuntimeException e) {
            LOG.debugf("Polling the agency directory versions failed (retried in %d s): %s", changePollSeconds, e);
        }
    }

    private Snapshot build(KeycloakSession session, RealmModel realm) {
        long start = System.nanoTime();
        // Read before the directory: a change committed during the build moves the version again and is picked up.
        String version = DirectoryVersion.of(session, realm.getId());
        AgencyDirectory directory = AgencyDirectoryLoader.load(session, realm);
        LOG.infof("Agency directory of realm %s: %d agencies, built in %d ms", realm.getName(), directory.size(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        return new Snapshot(directory, Instant.now(), version);
    }

    @Override
    public void init(Config.Scope config) {
        int seconds = config.getInt(REFRESH_SECONDS, DEFAULT_REFRESH_SECONDS);
        if (seconds < 1) {
            throw new IllegalArgumentException("spi-dvc-agency-directory--default--refresh-seconds must be at least 1, is " + seconds);
        }
        refreshInterval = Duration.ofSeconds(seconds);
        changePollSeconds = config.getInt(CHANGE_POLL_SECONDS, DEFAULT_CHANGE_POLL_SECONDS);
        if (changePollSeconds < 1) {
            throw new IllegalArgumentException("spi-dvc-agency-directory--default--change-poll-seconds must be at least 1, is "
                    + changePollSeconds);
        }
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        this.sessionFactory = factory;
        this.refresher = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "dvc-agency-directory-refresh");
            thread.setDaemon(true);
            return thread;
        });
        this.changePoller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "dvc-agency-directory-changes");
            thread.setDaemon(true);
            return thread;
        });
        // Warm up once the database is migrated, so the first user does not wait for the build.
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                refresher.execute(this::warmUp);
                changePoller.scheduleWithFixedDelay(this::pollChanges, changePollSeconds, changePollSeconds, TimeUnit.SECONDS);
            }
        });
    }

    private void warmUp() {
        try {
            List<String> realmIds = KeycloakModelUtils.runJobInTransactionWithResult(sessionFactory, session -> session.realms()
                    .getRealmsStream().filter(RealmModel::isOrganizationsEnabled).map(RealmModel::getId).toList());
            realmIds.forEach(realmId -> DirectoryVersion.ensure(sessionFactory, realmId));
            KeycloakModelUtils.runJobInTransaction(sessionFactory, session -> realmIds
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
                .add()
                .property().name(CHANGE_POLL_SECONDS).type("int").defaultValue(DEFAULT_CHANGE_POLL_SECONDS)
                .helpText("Seconds between two checks whether an agency or IdP changed on any node (then the directory is rebuilt).")
                .add().build();
    }

    @Override
    public void close() {
        if (changePoller != null) {
            changePoller.shutdownNow();
        }
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
