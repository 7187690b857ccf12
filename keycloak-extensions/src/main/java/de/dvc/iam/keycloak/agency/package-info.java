/** Reading agencies from Keycloak organizations, shared by discovery and the claim mappers. */
package de.dvc.iam.keycloak.agency;
