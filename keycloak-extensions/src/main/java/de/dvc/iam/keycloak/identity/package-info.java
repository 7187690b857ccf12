/**
 * The broker side of the DVC identity contract: the agency profile IdP mapper (profiles, domain
 * binding, assurance, access policy), the identity a login established, and refusals.
 */
package de.dvc.iam.keycloak.identity;
