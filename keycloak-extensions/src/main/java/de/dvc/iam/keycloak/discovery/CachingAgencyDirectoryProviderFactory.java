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
 * 2 cores), never on a request thread: a search that arrives earlier gets no results and "still loading"
 * ({@link AgencyDirectoryProvider#complete}), lookups by IdP read the database.
 *
 * <p>A change to an agency or an IdP on any node is recorded ({@code DVC_DIRECTORY_CHANGE}) and moves the realm's
 * {@link DirectoryVersion}; every node polls the versions every {@code change-poll-seconds} (default 2) and, a second
 * later, reads the agencies of the recorded changes again and replaces just them in its directory (milliseconds, at any
 * size), serving the previous one meanwhile. A change of unknown kind or more than 500 at once (a fixture load) make it
 * a full build in the background. After {@code refresh-seconds} (default 3600) a full build happens anyway, for changes
 * made past DVC's hooks (e.g. in the database by hand).
 *
 * <p>Server options: {@code --spi-dvc-agency-directory--default--refresh-seconds=3600},
 * {@code --spi-dvc-agency-directory--default--change-poll-seconds=2}.
 */
public final class CachingAgencyDirectoryProviderFactory implements AgencyDirectoryProviderFactory {

    public static final String PROVIDER_ID = "default";
    static final String REFRESH_SECONDS = "refresh-seconds";
    /** A full build of 12,000 agencies costs ~20 s of one core; changes arrive incrementally, so once an hour is a safety net. */
    static final int DEFAULT_REFRESH_SECONDS = 3600;
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

    /**
     * A directory, when it was last built in full, the {@link DirectoryVersion} it reflects, from when on changes must
     * still be read (epoch millis), and the organization id of each agency.
     */
    private record Snapshot(AgencyDirectory directory, Instant builtAt, String version, long changesFrom,
                            Map<String, String> organizationOfAgency) {
    }

    /** Changes are read again this far back (transactions that committed late); applying one twice is harmless. */
    private static final long CHANGE_OVERLAP_MILLIS = 30_000;
    /** More changes than this at once (a fixture load) are cheaper as one full build. */
    private static final int MAX_INCREMENTAL_CHANGES = 500;
    /** Changes are kept this long for nodes to read. */
    private static final long CHANGE_RETENTION_MILLIS = 3_600_000;
    private long lastForget;

    @Override
    public AgencyDirectoryProvider create(KeycloakSession session) {
        return new AgencyDirectoryProvider() {
            @Override
            public AgencyDirectory directory(RealmModel realm) {
                return CachingAgencyDirectoryProviderFactory.this.directory(realm);
            }

            @Override
            public boolean complete(RealmModel realm) {
                return snapshots.containsKey(realm.getId());
            }
        };
    }

    private static final AgencyDirectory WARMING = AgencyDirectory.of(List.of());

    private AgencyDirectory directory(RealmModel realm) {
        Snapshot snapshot = snapshots.get(realm.getId());
        if (snapshot == null) {
            // Not built yet on this node (the warm-up after start is under way): never on the request path. Search
            // answers empty with "still loading" meanwhile; lookups by IdP read the database.
            rebuildInBackground(realm.getId(), "first use");
            return WARMING;
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
                    if ("first use".equals(reason) && snapshots.containsKey(realmId)) {
                        return; // the warm-up built it meanwhile
                    }
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
                    // moved the version, and a read in between would see the old agency under the new version.
                    changePoller.schedule(() -> updateInBackground(realmId), 1, TimeUnit.SECONDS);
                }
            });
            if (System.currentTimeMillis() - lastForget > 600_000) {
                lastForget = System.currentTimeMillis();
                KeycloakModelUtils.runJobInTransaction(sessionFactory,
                        session -> DirectoryVersion.forget(session, System.currentTimeMillis() - CHANGE_RETENTION_MILLIS));
            }
        } catch (RuntimeException e) {
            LOG.debugf("Polling the agency directory versions failed (retried in %d s): %s", changePollSeconds, e);
        }
    }

    private Snapshot build(KeycloakSession session, RealmModel realm) {
        long start = System.nanoTime();
        long readAt = System.currentTimeMillis();
        // Read before the directory: a change committed during the build moves the version again and is picked up.
        String version = DirectoryVersion.of(session, realm.getId());
        AgencyDirectoryLoader.Loaded loaded = AgencyDirectoryLoader.load(session, realm);
        LOG.infof("Agency directory of realm %s: %d agencies, built in %d ms", realm.getName(), loaded.directory().size(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        return new Snapshot(loaded.directory(), Instant.now(), version, readAt, Map.copyOf(loaded.organizationOfAgency()));
    }

    /**
     * Brings a realm's directory up to its version on the refresher thread: only the agencies of the changes recorded
     * since the snapshot are read again and replaced; a change of unknown kind, or a flood of them, makes it a full build.
     */
    private void updateInBackground(String realmId) {
        if (refreshing.putIfAbsent(realmId, Boolean.TRUE) != null) {
            changePoller.schedule(() -> updateInBackground(realmId), 1, TimeUnit.SECONDS); // after the build under way
            return;
        }
        try {
            refresher.execute(() -> {
                try {
                    KeycloakModelUtils.runJobInTransaction(sessionFactory, s -> {
                        RealmModel realm = s.realms().getRealm(realmId);
                        Snapshot old = snapshots.get(realmId);
                        if (realm == null) {
                            snapshots.remove(realmId);
                        } else if (old != null) {
                            Snapshot updated = update(s, realm, old);
                            snapshots.put(realmId, updated != null ? updated : build(s, realm));
                        }
                    });
                } catch (RuntimeException e) {
                    LOG.warnf("Updating the agency directory of realm %s failed, keeping the last one: %s", realmId, e);
                } finally {
                    refreshing.remove(realmId);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            refreshing.remove(realmId); // shutting down
        }
    }

    /** The snapshot with the changed agencies replaced, or null when a full build is needed. */
    private Snapshot update(KeycloakSession session, RealmModel realm, Snapshot old) {
        long start = System.nanoTime();
        long readAt = System.currentTimeMillis();
        String version = DirectoryVersion.of(session, realm.getId());
        if (version.equals(old.version())) {
            return old;
        }
        List<DirectoryVersion.Change> changes = DirectoryVersion.since(session, realm.getId(), old.changesFrom() - CHANGE_OVERLAP_MILLIS,
                MAX_INCREMENTAL_CHANGES + 1);
        if (changes.isEmpty() || changes.size() > MAX_INCREMENTAL_CHANGES
                || changes.stream().anyMatch(change -> DirectoryVersion.ALL.equals(change.kind()) || change.key() == null)) {
            return null; // nothing recorded (a change past DVC's hooks), too many, or of unknown kind
        }
        session.getContext().setRealm(realm);
        java.util.Set<String> organizations = new java.util.HashSet<>();
        for (DirectoryVersion.Change change : changes) {
            if (DirectoryVersion.ORGANIZATION.equals(change.kind())) {
                organizations.add(change.key());
            } else {
                org.keycloak.models.IdentityProviderModel idp = session.identityProviders().getByAlias(change.key());
                if (idp != null && idp.getOrganizationId() != null) {
                    organizations.add(idp.getOrganizationId());
                }
                de.dvc.iam.core.discovery.AgencyListing before = old.directory().byIdp(change.key());
                if (before != null && old.organizationOfAgency().containsKey(before.agency().id())) {
                    organizations.add(old.organizationOfAgency().get(before.agency().id()));
                }
            }
        }
        Map<String, de.dvc.iam.core.discovery.AgencyListing> fresh = AgencyDirectoryLoader.listings(session, realm, organizations);
        java.util.Set<String> replaced = new java.util.HashSet<>();
        Map<String, String> organizationOfAgency = new java.util.HashMap<>(old.organizationOfAgency());
        old.organizationOfAgency().forEach((agency, organization) -> {
            if (organizations.contains(organization)) {
                replaced.add(agency);
                organizationOfAgency.remove(agency);
            }
        });
        fresh.forEach((organization, listing) -> organizationOfAgency.put(listing.agency().id(), organization));
        AgencyDirectory directory = old.directory().replacing(replaced, fresh.values());
        LOG.infof("Agency directory of realm %s: %d agencies, %d of them updated for %d change(s) in %d ms", realm.getName(),
                directory.size(), organizations.size(), changes.size(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        return new Snapshot(directory, old.builtAt(), version, readAt, Map.copyOf(organizationOfAgency));
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
