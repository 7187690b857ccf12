package de.dvc.iam.keycloak.store;

import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;

import java.util.List;

/** DVC's entities and their Liquibase changelog for Keycloak's JPA store. */
final class DvcEntities implements JpaEntityProvider {

    static final String CHANGELOG = "META-INF/dvc-changelog.xml";

    @Override
    public List<Class<?>> getEntities() {
        return List.of(AuditEventEntity.class, AuditChainEntity.class, DvcSettingEntity.class,
                RegistrationEntity.class, RegistrationEventEntity.class, RegistrationDomainEntity.class, DirectoryChangeEntity.class,
                InvitationEntity.class);
    }

    @Override
    public String getChangelogLocation() {
        return CHANGELOG;
    }

    @Override
    public String getFactoryId() {
        return DvcEntitiesFactory.PROVIDER_ID;
    }

    @Override
    public void close() {
    }
}
