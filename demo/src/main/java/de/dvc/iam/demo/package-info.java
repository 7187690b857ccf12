/**
 * The demo federation: who is in it ({@link de.dvc.iam.demo.DemoAgencies}), how it is set up
 * through Keycloak's admin API ({@link de.dvc.iam.demo.DemoFederation}), the agencies' DNS and web
 * server the self-service walkthrough publishes proofs on ({@link de.dvc.iam.demo.AgencyDns},
 * {@link de.dvc.iam.demo.AgencyWebServer}; the integration tests use them too) and how it is started
 * with one command ({@link de.dvc.iam.demo.DemoLauncher}).
 */
package de.dvc.iam.demo;
