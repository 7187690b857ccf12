package de.dvc.iam.keycloak.audit;

import de.dvc.iam.core.audit.Pseudonym;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;

/**
 * Event listener {@value #PROVIDER_ID}: turns Keycloak's successful login events into DVC audit
 * lines ({@link AuditLog}). Refusals are written where they are decided.
 *
 * <p>Option {@code pseudonym-key} (≥ 32 characters, e.g. {@code --spi-events-listener--dvc-audit--pseudonym-key})
 * keys the user pseudonyms; it must be the same on every node. Without it a random key is used and
 * pseudonyms change at each start, which the log says.
 */
public final class AuditEventListenerFactory implements EventListenerProviderFactory {

    public static final String PROVIDER_ID = "dvc-audit";
    private static final Logger LOG = Logger.getLogger(AuditEventListenerFactory.class);

    private Pseudonym pseudonym;

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new AuditEventListener(session);
    }

    @Override
    public void init(Config.Scope config) {
        String key = config.get("pseudonym-key");
        if (key == null || key.isBlank()) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            pseudonym = new Pseudonym(random);
            LOG.warn("No pseudonym-key set for the dvc-audit event listener: audit pseudonyms change at each start "
                    + "and differ between nodes. Set --spi-events-listener--dvc-audit--pseudonym-key (>= 32 characters).");
        } else {
            pseudonym = new Pseudonym(key.getBytes(StandardCharsets.UTF_8));
        }
    }

    Pseudonym pseudonym() {
        return pseudonym;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name("pseudonym-key").type("string").secret(true)
                .helpText("Key (>= 32 characters) for the user pseudonyms in the audit log; the same on every node.")
                .add().build();
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
