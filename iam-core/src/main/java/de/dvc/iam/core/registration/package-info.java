/**
 * Agency IdP registration (Selbstregistrierung): validation of what an agency submits (SAML metadata,
 * OIDC discovery) into a report of findings with severity, what is wrong and how to fix it.
 */
package de.dvc.iam.core.registration;
