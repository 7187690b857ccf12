package de.dvc.iam.keycloak.registration;

import de.dvc.iam.core.outbound.AddressGuard;
import de.dvc.iam.core.outbound.Cidr;
import de.dvc.iam.core.outbound.GuardedHttpClient;
import de.dvc.iam.core.registration.SamlMetadataValidator;
import de.dvc.iam.core.registration.SamlSchema;
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
 * and tests only, off by default. Option {@code outbound-trust-store} (+ {@code -password}) adds trusted
 * certificates; {@code refresh-seconds} (default 3600, 0 = off) and {@code key-change-needs-approval}
 * (default false) and {@code refresh-parallelism} (default 4 concurrent fetches) steer the metadata refresh. Option {@code dns-server} ({@code host:port}) names the resolver for
 * domain proofs and every outbound fetch; empty means the system's. Option {@code domain-proof-port} (default
 * 443) is the port of the domains' well-known proof files (tests only).
 */
public final class RegistrationResourceFactory implements RealmResourceProviderFactory {

    public static final String PROVIDER_ID = "dvc-registrations";
    private static final Logger LOG = Logger.getLogger(RegistrationResourceFactory.class);

    private RegistrationSettings settings;
    private MetadataRefresh refresh;
    private long refreshSeconds;
    private int refreshParallelism;
    /** The refresh round's own thread (not Keycloak's timer); null when the refresh is off. */
    private java.util.concurrent.ScheduledExecutorService refreshThread;

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                return new RegistrationResource(session, settings, refresh);
            }

            @Override
            public void close() {
                // per-request view; nothing to release
            }
        };
    }

    /** This server's registration API factory, whose settings the audit and agency APIs share; empty if it is not installed. */
    public static java.util.Optional<RegistrationResourceFactory> of(KeycloakSession session) {
        Object factory = session.getKeycloakSessionFactory().getProviderFactory(RealmResourceProvider.class, PROVIDER_ID);
        return factory instanceof RegistrationResourceFactory registrations ? java.util.Optional.of(registrations) : java.util.Optional.empty();
    }

    /** Which tokens the federation's APIs accept, and who is an operator (the audit API shares them). */
    public de.dvc.iam.core.registration.ApiAccess access() {
        return settings.access();
    }

    /** The federation's realms, where the registration and audit APIs exist. */
    public java.util.Set<String> realms() {
        return settings.realms();
    }

    @Override
    public void init(Config.Scope config) {
        String allow = config.get("outbound-allow", "");
        List<Cidr> allowed = Arrays.stream(allow.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Cidr::parse).toList();
        if (!allowed.isEmpty()) {
            LOG.warnf("Outbound requests of the registration API may reach %s (outbound-allow): demo and tests only.", allowed);
        }
        DnsLookup dns = new DnsLookup(config.get("dns-server", ""));
        java.util.Set<String> insecureHosts = Arrays.stream(config.get("insecure-endpoint-hosts", "").split(",")).map(String::trim)
                .filter(h -> !h.isEmpty()).collect(java.util.stream.Collectors.toUnmodifiableSet());
        if (!insecureHosts.isEmpty()) {
            LOG.warnf("Registered IdPs may have plain http:// endpoints on %s (insecure-endpoint-hosts): demo and tests only.", insecureHosts);
        }
        SSLSocketFactory tls = OutboundTrust.socketFactory(config.get("outbound-trust-store"), config.get("outbound-trust-store-password"));
        GuardedHttpClient http = new GuardedHttpClient(new AddressGuard(allowed), dns.resolver(), tls, GuardedHttpClient.Limits.DEFAULT);
        java.security.PublicKey anchor = signingAnchor(config.get("metadata-signing-anchor"));
        int proofPort = config.getInt("domain-proof-port", 443);
        if (proofPort != 443) {
            LOG.warnf("Domain proof files are fetched from port %d instead of 443 (domain-proof-port): tests only.", proofPort);
        }
        SamlMetadataValidator saml = new SamlMetadataValidator(samlSchema());
        settings = new RegistrationSettings(http, insecureHosts, dns, anchor, proofPort, saml, apiAccess(config),
                de.dvc.iam.keycloak.agency.FederationRealms.of(config));
        refreshSeconds = config.getLong("refresh-seconds", 3600L);
        refresh = new MetadataRefresh(settings, config.getBoolean("key-change-needs-approval", false), new RefreshMetrics(),
                java.time.Duration.ofSeconds(refreshSeconds > 0 ? refreshSeconds : 3600L));
        refreshParallelism = config.getInt("refresh-parallelism", 4);
        List<String> directories = Arrays.stream(config.get("directory-allow", "").split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        directoryGuard = de.dvc.iam.core.directory.DirectoryNetworkGuard.allowing(directories);
        if (directories.isEmpty()) {
            LOG.info("Agency directories may be reached on no network yet (directory-allow): directory registrations and logins are refused.");
        } else {
            LOG.infof("Agency directories may be reached on %s (directory-allow).", directories);
        }
    }

    private de.dvc.iam.core.directory.DirectoryNetworkGuard directoryGuard = de.dvc.iam.core.directory.DirectoryNetworkGuard.none();

    /**
     * Option {@code directory-allow}: the networks agency LDAP/AD directories may be reached on (comma-separated CIDRs or
     * addresses, each optionally with a port, e.g. {@code 10.20.0.0/16,10.30.0.5:636}; no host names); none by default
     * (fail closed). Loopback and link-local addresses only if an entry names them. The LDAP guard is apart from the HTTPS guard
     * ({@code outbound-allow}, public addresses only) because agency directories sit on private administration networks.
     */
    public de.dvc.iam.core.directory.DirectoryNetworkGuard directoryGuard() {
        return directoryGuard;
    }

    /**
     * Options {@code api-clients} (default {@value #API_CLIENTS}: tokens of other clients, e.g. a cloud service's,
     * are refused), {@code operator-idps} (aliases of the IdPs through which operators log in; none by default,
     * so nobody has operator power until the federation names them) and {@code operator-min-assurance}
     * (default substantiell).
     */
    private static de.dvc.iam.core.registration.ApiAccess apiAccess(Config.Scope config) {
        java.util.Set<String> clients = list(config.get("api-clients", API_CLIENTS));
        java.util.Set<String> operatorIdps = list(config.get("operator-idps", ""));
        de.dvc.iam.core.assurance.AssuranceLevel minimum = de.dvc.iam.core.assurance.AssuranceLevel.parse(
                config.get("operator-min-assurance", "substantiell"));
        if (operatorIdps.isEmpty()) {
            LOG.warn("No operator IdPs are configured (operator-idps): nobody has operator power in the registration API.");
        }
        if (minimum == de.dvc.iam.core.assurance.AssuranceLevel.NORMAL) {
            LOG.warn("Operators may act with a login at assurance 'normal' (operator-min-assurance): demo and tests only.");
        }
        return new de.dvc.iam.core.registration.ApiAccess(clients, operatorIdps, minimum);
    }

    /** Clients whose tokens the registration API accepts by default: the terminal client and the agency admin portal. */
    static final String API_CLIENTS = "dvc-registration-cli,dvc-agency-portal";

    private static java.util.Set<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /**
     * The SAML 2.0 metadata schema from the XSDs Keycloak ships (keycloak-saml-core). Without it every SAML
     * validation fails with {@code schema_unavailable} (fail closed), and this logs why.
     */
    private static javax.xml.validation.Schema samlSchema() {
        ClassLoader loader = RegistrationResourceFactory.class.getClassLoader();
        try {
            return SamlSchema.fromKeycloakResources(loader::getResourceAsStream);
        } catch (org.xml.sax.SAXException | java.io.IOException e) {
            LOG.errorf("The SAML metadata schema cannot be loaded (%s): SAML registrations and refreshes fail until this is fixed.",
                    e.getMessage());
            return null;
        }
    }

    /**
     * Option {@code metadata-signing-anchor}: an X.509 certificate file (PEM or DER) whose key must have signed
     * all SAML metadata (e.g. of a state's federation operator); without it metadata need not be signed.
     */
    private static java.security.PublicKey signingAnchor(String file) {
        if (file == null || file.isBlank()) {
            return null;
        }
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(java.nio.file.Path.of(file))) {
            java.security.PublicKey key = java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in).getPublicKey();
            LOG.infof("SAML metadata must be signed with the key of %s (metadata-signing-anchor).", file);
            return key;
        } catch (Exception e) {
            throw new IllegalStateException("metadata-signing-anchor '" + file + "' is not a readable X.509 certificate: " + e.getMessage(), e);
        }
    }

    /** Schedules the metadata refresh: one round per interval on the whole cluster ({@link de.dvc.iam.keycloak.store.ClusterSchedule}). */
    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof org.keycloak.models.utils.PostMigrationEvent) {
                // Registrations of the old format (everything in the IdP's configuration) move to DVC's tables once.
                RegistrationMigration.migrateAll(factory);
            } else if (event instanceof org.keycloak.models.RealmModel.IdentityProviderRemovedEvent removed) {
                // An IdP deleted (e.g. by an operator in the admin console) takes its registration, history and domains along.
                de.dvc.iam.keycloak.store.RegistrationStore.of(removed.getKeycloakSession())
                        .delete(removed.getRealm().getId(), removed.getRemovedIdentityProvider().getAlias());
            }
        });
        if (refreshSeconds <= 0) {
            LOG.info("Metadata refresh of registered IdPs is off (refresh-seconds=0).");
            return;
        }
        int taskTimeout = (int) Math.max(1, refreshSeconds - 1);
        // Start refreshes until 30 s before the next round's lock could be taken (a fetch takes ≤ 15 s).
        refreshThread = de.dvc.iam.keycloak.store.ClusterSchedule.schedule(factory, "dvc-metadata-refresh", java.time.Duration.ofSeconds(refreshSeconds),
                taskTimeout, () -> new RefreshRound(refresh).run(factory, refreshParallelism, java.time.Duration.ofSeconds(Math.max(1, taskTimeout - 30))));
    }

    @Override
    public void close() {
        de.dvc.iam.keycloak.store.ClusterSchedule.stop(refreshThread);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
