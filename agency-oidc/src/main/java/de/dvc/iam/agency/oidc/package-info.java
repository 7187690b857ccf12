/**
 * The OpenID provider of the fictitious state agency {@code land-beispiel} (Ministerium des Innern, Land Beispiel):
 * Spring Authorization Server in a Spring Boot application of its own. Demo and tests run it as a separate process
 * on plain HTTP at 127.0.0.1, behind the agencies' TLS front end ({@code de.dvc.iam.demo.AgencyWebServer}), whose
 * HTTPS URL with the path {@code /land-beispiel} is its issuer.
 *
 * <p>It exists so that DVC's OIDC brokering is proven against an implementation that is not Keycloak: every other
 * agency OIDC provider of demo and tests is a Keycloak realm. It releases the OIDC standard claims and the
 * directory attributes (org unit, roles) that DVC's {@code oidc} attribute profile reads, as an agency would.
 * Demo and tests only: its people and their passwords are in the code.
 */
package de.dvc.iam.agency.oidc;
