package de.dvc.iam.keycloak.audit;

import de.dvc.iam.core.audit.AuditRetention;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import java.util.List;

/**
 * Event listener {@value #PROVIDER_ID}: turns Keycloak's login and token events of brokered logins into rows
 * of the DVC audit trail ({@link AuditTrail}); refusals are written where they are decided.
 *
 * <p>Options ({@code --spi-events-listener--dvc-audit--<name>}):
 * <ul>
 *   <li>{@code pseudonym-key}, {@code chain-key}: ≥ 32 characters, the same on every node (from a vault); without
 *       them keys are generated once and kept in the database;</li>
 *   <li>{@code retention}: ISO-8601 duration rows are kept, default {@code P180D} (docs/security.md);</li>
 *   <li>{@code retention-interval-seconds}: how often one node of the cluster deletes expired rows, default 3600;</li>
 *   <li>{@code queue-capacity}: rows a node buffers for writing, default 100000.</li>
 * </ul>
 */
public final class AuditEventListenerFactory implements EventListenerProviderFactory {

    public static final String PROVIDER_ID = "dvc-audit";
    private static final Logger LOG = Logger.getLogger(AuditEventListenerFactory.class);

    private AuditTrail trail;
    private long retentionIntervalSeconds;
    /** The retention job's own thread (not Keycloak's timer); null when retention is off. */
    private java.util.concurrent.ScheduledExecutorService retentionThread;

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new AuditEventListener(session);
    }

    @Override
    public void init(Config.Scope config) {
        String pseudonymKey = config.get("pseudonym-key");
        String chainKey = config.get("chain-key");
        for (String key : new String[] {pseudonymKey, chainKey}) {
            if (key != null && !key.isBlank() && key.length() < 32) {
                throw new IllegalArgumentException("The dvc-audit pseudonym-key and chain-key need at least 32 characters.");
            }
        }
        trail = new AuditTrail(pseudonymKey, chainKey, AuditRetention.parse(config.get("retention")), config.getInt("queue-capacity", 100_000));
        retentionIntervalSeconds = config.getLong("retention-interval-seconds", 3600L);
    }

    AuditTrail trail() {
        return trail;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name("pseudonym-key").type("string").secret(true)
                .helpText("Key (>= 32 characters) for the user pseudonyms of the audit trail; the same on every node.").add()
                .property().name("chain-key").type("string").secret(true)
                .helpText("HMAC key (>= 32 characters) of the audit trail's hash chain; the same on every node, kept outside the database.").add()
                .property().name("retention").type("string").defaultValue("P180D")
                .helpText("How long audit rows are kept (ISO-8601 duration).").add()
                .property().name("retention-interval-seconds").type("int").defaultValue("3600")
                .helpText("How often expired audit rows are deleted (one node of the cluster).").add()
                .property().name("queue-capacity").type("int").defaultValue("100000")
                .helpText("Audit rows a node buffers for writing.").add()
                .build();
    }

    /** After Keycloak's migration (the tables exist): the trail starts, and one node of the cluster runs retention. */
    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                trail.start(factory);
                scheduleRetention(factory);
            }
        });
    }

    private void scheduleRetention(KeycloakSessionFactory factory) {
        if (retentionIntervalSeconds <= 0) {
            LOG.warn("Audit retention is off (retention-interval-seconds=0): rows are kept until deleted by hand.");
            return;
        }
        int lockSeconds = (int) Math.max(1, retentionIntervalSeconds - 1);
        retentionThread = de.dvc.iam.keycloak.store.ClusterSchedule.schedule(factory, "dvc-audit-retention",
                java.time.Duration.ofSeconds(retentionIntervalSeconds), lockSeconds, () -> trail.applyRetention(factory));
    }

    @Override
    public void close() {
        de.dvc.iam.keycloak.store.ClusterSchedule.stop(retentionThread); // before the trail it uses closes
        if (trail != null) {
            trail.close();
        }
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
