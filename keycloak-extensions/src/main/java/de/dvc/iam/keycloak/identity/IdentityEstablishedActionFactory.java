package de.dvc.iam.keycloak.identity;

import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionProviderModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;

import java.util.Set;

/**
 * Registers {@link IdentityEstablishedAction}. It is registered and enabled in the federation's realms
 * (option {@code realms}, default {@code dvc}) when such a realm is created and at every server start, so a
 * realm set up or changed without it is made safe again at the next start. The agency IdP realms of the demo are not federation realms.
 */
public final class IdentityEstablishedActionFactory implements RequiredActionFactory {

    public static final String PROVIDER_ID = "dvc-identity-established";
    private static final Logger LOG = Logger.getLogger(IdentityEstablishedActionFactory.class);
    private static final IdentityEstablishedAction INSTANCE = new IdentityEstablishedAction();

    private Set<String> realms = Set.of("dvc");

    @Override
    public RequiredActionProvider create(KeycloakSession session) {
        return INSTANCE;
    }

    @Override
    public void init(Config.Scope config) {
        realms = de.dvc.iam.keycloak.agency.FederationRealms.of(config);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof RealmModel.RealmPostCreateEvent created && realms.contains(created.getCreatedRealm().getName())) {
                ensureEnabled(created.getCreatedRealm());
            } else if (event instanceof PostMigrationEvent) {
                KeycloakModelUtils.runJobInTransaction(factory, session -> realms.forEach(name -> {
                    RealmModel realm = session.realms().getRealmByName(name);
                    if (realm != null) {
                        ensureEnabled(realm);
                    }
                }));
            }
        });
    }

    /** Registers and enables the action in {@code realm} (realm setup calls this too). */
    public static void ensureEnabled(RealmModel realm) {
        NoteSeal.ensureKey(realm);
        RequiredActionProviderModel model = realm.getRequiredActionProviderByAlias(PROVIDER_ID);
        if (model == null) {
            model = new RequiredActionProviderModel();
            model.setAlias(PROVIDER_ID);
            model.setName("DVC identity established");
            model.setProviderId(PROVIDER_ID);
            model.setEnabled(true);
            model.setDefaultAction(false);
            model.setPriority(0);
            realm.addRequiredActionProvider(model);
            LOG.infof("Required action %s registered in realm %s: no login completes without the DVC identity.", PROVIDER_ID,
                    realm.getName());
        } else if (!model.isEnabled()) {
            model.setEnabled(true);
            realm.updateRequiredActionProvider(model);
            LOG.warnf("Required action %s was disabled in realm %s; enabled again.", PROVIDER_ID, realm.getName());
        }
    }

    @Override
    public String getDisplayText() {
        return "DVC identity established";
    }

    @Override
    public void close() {
        // nothing to release
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
