/**
 * DVC's own tables in Keycloak's database and transaction (JPA entity SPI, Liquibase changelog
 * {@code META-INF/dvc-changelog.xml}): the audit trail, its chain heads and DVC's generated settings.
 */
package de.dvc.iam.keycloak.store;
