package de.dvc.iam.keycloak.store;

import jakarta.persistence.EntityManager;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;

/** Secrets DVC generates once and all nodes share, kept in {@code DVC_SETTING}. */
public final class DvcSettings {

    private DvcSettings() {
    }

    /**
     * The 32-byte secret {@code name}, generated and stored on first use. When two nodes race, the one whose
     * insert fails reads the other's value.
     */
    public static byte[] secret(KeycloakSessionFactory factory, String name) {
        AtomicReference<String> value = new AtomicReference<>();
        for (int attempt = 0; attempt < 3 && value.get() == null; attempt++) {
            try {
                KeycloakModelUtils.runJobInTransaction(factory, session -> {
                    EntityManager em = de.dvc.iam.keycloak.agency.KeycloakJpa.entityManager(session)
                            .orElseThrow(() -> new IllegalStateException("DVC IAM needs Keycloak's JPA store for its own tables."));
                    DvcSettingEntity found = em.find(DvcSettingEntity.class, name);
                    if (found == null) {
                        byte[] random = new byte[32];
                        new SecureRandom().nextBytes(random);
                        found = new DvcSettingEntity();
                        found.setName(name);
                        found.setValue(Base64.getEncoder().encodeToString(random));
                        em.persist(found);
                        em.flush();
                    }
                    value.set(found.getValue());
                });
            } catch (RuntimeException e) {
                value.set(null); // another node inserted it first: read it on the next attempt
                if (attempt == 2) {
                    throw e;
                }
            }
        }
        return Base64.getDecoder().decode(value.get());
    }
}
