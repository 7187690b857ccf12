/**
 * Agencies (Behörden und Organisationen) of the federation: identity, level, state and
 * official keys, and how an agency is stored as attributes of a Keycloak organization.
 */
package de.dvc.iam.core.agency;
