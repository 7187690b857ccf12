/**
 * Agency IdP registration (Selbstregistrierung): validation of what an agency submits (SAML metadata
 * against the OASIS schema and BSI TR-02102-1, OIDC discovery) into a report of findings with severity,
 * what is wrong and how to fix it; which domains an agency may claim (no public suffixes, homographs or
 * overlaps with other agencies) and how it proves them; the lifecycle and who may do what.
 */
package de.dvc.iam.core.registration;
