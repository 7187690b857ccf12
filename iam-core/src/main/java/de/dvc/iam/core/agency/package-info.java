/**
 * Agencies (Behörden und Organisationen) of the federation: identity, level, state and
 * official keys, how an agency is stored as attributes of a Keycloak organization, and the
 * checks of its official keys for what they say ({@link de.dvc.iam.core.agency.OfficialKeys}:
 * AGS, ARS and Leitweg-ID against each other, the state and the level).
 */
package de.dvc.iam.core.agency;
