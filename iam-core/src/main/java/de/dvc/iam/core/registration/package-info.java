/**
 * Agency IdP registration (Selbstregistrierung): validation of what an agency submits (SAML metadata
 * against the OASIS schema and BSI TR-02102-1, OIDC discovery) into a report of findings with severity,
 * what is wrong and how to fix it; domain proofs; the lifecycle and who may do what.
 */
package de.dvc.iam.core.registration;
