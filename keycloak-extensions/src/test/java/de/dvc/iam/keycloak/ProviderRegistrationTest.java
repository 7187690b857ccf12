package de.dvc.iam.keycloak;

import org.junit.jupiter.api.Test;
import de.dvc.iam.keycloak.audit.AuditEventListenerFactory;
import de.dvc.iam.keycloak.claims.DvcIdentityMapper;
import de.dvc.iam.keycloak.claims.PairwiseSubjectMapper;
import de.dvc.iam.keycloak.identity.AgencyProfileMapper;
import de.dvc.iam.keycloak.identity.ServiceAccessAuthenticatorFactory;
import de.dvc.iam.keycloak.registration.RegistrationResourceFactory;
import org.keycloak.broker.provider.IdentityProviderMapper;
import org.keycloak.events.EventListenerProviderFactory;
import de.dvc.iam.keycloak.discovery.HomeIdpDiscoveryAuthenticatorFactory;
import de.dvc.iam.keycloak.discovery.AgencyDirectoryProviderFactory;
import de.dvc.iam.keycloak.discovery.AgencyDirectorySpi;
import de.dvc.iam.keycloak.discovery.CachingAgencyDirectoryProviderFactory;
import de.dvc.iam.keycloak.discovery.DiscoverySearchResourceFactory;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.provider.Spi;
import org.keycloak.services.resource.RealmResourceProviderFactory;
import org.keycloak.protocol.ProtocolMapper;
import org.keycloak.provider.ProviderFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every factory named in our META-INF/services files must load through ServiceLoader, as the
 * server loads it; a typo or a missing no-arg constructor fails here, not at server start.
 */
class ProviderRegistrationTest {

    @Test
    void everyRegisteredFactoryLoads() throws IOException {
        assertThat(loadOwn(ProtocolMapper.class)).containsExactly(DvcIdentityMapper.PROVIDER_ID, PairwiseSubjectMapper.PROVIDER_ID);
        assertThat(loadOwn(AuthenticatorFactory.class)).containsExactly(HomeIdpDiscoveryAuthenticatorFactory.PROVIDER_ID,
                ServiceAccessAuthenticatorFactory.PROVIDER_ID, de.dvc.iam.keycloak.onboarding.LocalAdminAuthenticatorFactory.PROVIDER_ID);
        assertThat(loadOwn(IdentityProviderMapper.class)).containsExactly(AgencyProfileMapper.PROVIDER_ID);
        assertThat(loadOwn(EventListenerProviderFactory.class)).containsExactly(AuditEventListenerFactory.PROVIDER_ID,
                de.dvc.iam.keycloak.registration.SessionsEndingListenerFactory.PROVIDER_ID,
                de.dvc.iam.keycloak.discovery.DirectoryChangeListenerFactory.PROVIDER_ID);
        assertThat(loadOwn(RealmResourceProviderFactory.class)).containsExactly(DiscoverySearchResourceFactory.PROVIDER_ID,
                RegistrationResourceFactory.PROVIDER_ID, de.dvc.iam.keycloak.audit.AuditResourceFactory.PROVIDER_ID,
                de.dvc.iam.keycloak.onboarding.AgencyResourceFactory.PROVIDER_ID, de.dvc.iam.keycloak.onboarding.PortalResourceFactory.PROVIDER_ID);
        assertThat(loadOwn(org.keycloak.services.resources.admin.ext.AdminRealmResourceProviderFactory.class))
                .containsExactly(de.dvc.iam.keycloak.registration.AdoptionResourceFactory.PROVIDER_ID);
        assertThat(loadOwn(org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory.class))
                .containsExactly(de.dvc.iam.keycloak.store.DvcEntitiesFactory.PROVIDER_ID);
        assertThat(ProviderRegistrationTest.class.getClassLoader().getResource("META-INF/dvc-changelog.xml"))
                .as("the changelog DvcEntities names").isNotNull();
        assertThat(loadOwn(org.keycloak.authentication.RequiredActionFactory.class))
                .containsExactly(de.dvc.iam.keycloak.identity.IdentityEstablishedActionFactory.PROVIDER_ID);
        assertThat(loadOwn(org.keycloak.connections.httpclient.HttpClientFactory.class))
                .containsExactly(de.dvc.iam.keycloak.outbound.GuardedHttpClientFactory.PROVIDER_ID);
        assertThat(loadOwn(AgencyDirectoryProviderFactory.class)).containsExactly(CachingAgencyDirectoryProviderFactory.PROVIDER_ID);
        assertThat(ServiceLoader.load(Spi.class).stream().map(ServiceLoader.Provider::type).map(Class::getName))
                .contains(AgencyDirectorySpi.class.getName());
    }

    private static <T extends ProviderFactory<?>> List<String> loadOwn(Class<T> spi) throws IOException {
        List<String> registered = registeredFactories(spi);
        List<String> loaded = new ArrayList<>();
        // As ServiceLoader does (public class, public no-arg constructor, implements the SPI), but only for our own
        // registrations: some of Keycloak's factories on the test class path cannot be loaded outside the server.
        for (String name : registered) {
            try {
                Class<?> type = Class.forName(name, true, ProviderRegistrationTest.class.getClassLoader());
                assertThat(spi.isAssignableFrom(type)).as("%s implements %s", name, spi.getSimpleName()).isTrue();
                loaded.add(spi.cast(type.getConstructor().newInstance()).getId());
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(name + " cannot be loaded as ServiceLoader would: " + e, e);
            }
        }
        assertThat(loaded).as("loaded factories of %s", spi.getSimpleName()).hasSameSizeAs(registered);
        return loaded;
    }

    private static List<String> registeredFactories(Class<?> spi) throws IOException {
        List<String> names = new ArrayList<>();
        for (URL url : Collections.list(ProviderRegistrationTest.class.getClassLoader()
                .getResources("META-INF/services/" + spi.getName()))) {
            if (!url.getPath().contains("/target/classes/")) {
                continue; // only our own registrations
            }
            try (InputStream in = url.openStream()) {
                new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                        .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                        .forEach(names::add);
            }
        }
        return names;
    }
}
