package de.dvc.iam.keycloak.registration;

import de.dvc.iam.core.outbound.AddressGuard;
import de.dvc.iam.core.outbound.Cidr;
import de.dvc.iam.core.outbound.GuardedHttpClient;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

import javax.net.ssl.SSLSocketFactory;
import java.util.Arrays;
import java.util.List;

/**
 * Registers the registration API at {@code /realms/<realm>/dvc-registrations}. Option
 * {@code outbound-allow} (CIDRs, comma-separated; e.g.
 * {@code --spi-realm-restapi-extension--dvc-registrations--outbound-allow=127.0.0.1/32}) admits
 * addresses the guarded client otherwise refuses; option {@code insecure-endpoint-hosts} (host names)
 * accepts plain http:// endpoints in SAML metadata on those hosts with a warning. Both are for the demo
 * and tests only, off by default. Option {@code dns-server} ({@code host:port}) names the resolver for
 * domain proofs; empty means the system's.
 */
public final class RegistrationResourceFactory implements RealmResourceProviderFactory {

    public static final String PROVIDER_ID = "dvc-registrations";
    private static final Logger LOG = Logger.getLogger(RegistrationResourceFactory.class);

    private GuardedHttpClient http;
    private java.util.Set<String> insecureHosts = java.util.Set.of();
    private DnsTxtLookup dns;

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                return new RegistrationResource(session, http, insecureHosts, dns);
            }

            @Override
            public void close() {
                // per-request view; nothing to release
            }
        };
    }

    @Override
    public void init(Config.Scope config) {
        String allow = config.get("outbound-allow", "");
        List<Cidr> allowed = Arrays.stream(allow.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Cidr::parse).toList();
        if (!allowed.isEmpty()) {
            LOG.warnf("Outbound requests of the registration API may reach %s (outbound-allow): demo and tests only.", allowed);
        }
        dns = new DnsTxtLookup(config.get("dns-server", ""));
        insecureHosts = Arrays.stream(config.get("insecure-endpoint-hosts", "").split(",")).map(String::trim)
                .filter(h -> !h.isEmpty()).collect(java.util.stream.Collectors.toUnmodifiableSet());
        if (!insecureHosts.isEmpty()) {
            LOG.warnf("Registered IdPs may have plain http:// endpoints on %s (insecure-endpoint-hosts): demo and tests only.", insecureHosts);
        }
        http = new GuardedHttpClient(new AddressGuard(allowed), GuardedHttpClient.Resolver.SYSTEM,
                (SSLSocketFactory) SSLSocketFactory.getDefault(), GuardedHttpClient.Limits.DEFAULT);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // nothing to do after start
    }

    @Override
    public void close() {
        // nothing to release
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
