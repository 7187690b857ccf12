package de.dvc.iam.agency.oidc;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * Starts the agency's OpenID provider. Usage (the demo and the tests pass these):
 * {@code java -jar agency-oidc.jar --server.address=127.0.0.1 --server.port=N --agency-oidc.issuer=https://127.0.0.2:8443/land-beispiel
 * --agency-oidc.client.id=dvc-iam --agency-oidc.client.redirect-uri=http://localhost:8080/realms/dvc/broker/land-beispiel/endpoint},
 * the client secret in the environment ({@code AGENCY_OIDC_CLIENT_SECRET}), where {@code ps} does not show it.
 */
@SpringBootApplication
@EnableConfigurationProperties(AgencyOidcSettings.class)
public class AgencyOidcApplication {

    public static void main(String[] args) {
        SpringApplication.run(AgencyOidcApplication.class, args);
    }
}
