package de.dvc.iam.demo;

import de.dvc.iam.demo.DemoAgencies.DemoAgency;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientScopeRepresentation;
import org.keycloak.representations.idm.IdentityProviderRepresentation;
import org.keycloak.representations.idm.OrganizationRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sets up the demo federation on a running DVC IAM server through the admin API: the central
 * realm {@code dvc}, the agencies as organizations, their IdPs and the demo service's client.
 *
 * <p>Idempotent: every object is created only if it is missing, so a second start keeps the state
 * of the first (and any change an operator made by hand).
 */
public final class DemoFederation {

    public static final String REALM = "dvc";
    public static final String DVC_SCOPE = "dvc";
    public static final String DEMO_CLIENT_ID = "demo-service";
    /** Demo only: the demo service's client secret, also the default in its application.properties. */
    public static final String DEMO_CLIENT_SECRET = "demo-service-secret";

    private final Keycloak admin;
    private final String serverUrl;
    private final String serviceUrl;

    /**
     * @param serverUrl  the server as browsers and agency IdPs reach it, e.g. {@code http://localhost:8080}
     * @param serviceUrl the demo service, e.g. {@code http://localhost:8081}
     */
    public DemoFederation(Keycloak admin, String serverUrl, String serviceUrl) {
        this.admin = admin;
        this.serverUrl = serverUrl;
        this.serviceUrl = serviceUrl;
    }

    /**
     * Sets up realm {@code dvc} ({@link #setUpRealm}) and the demo agencies' own IdPs (realms of this server playing
     * their ADFS or Keycloak), then applies the demo federation's files ({@code federation/demo}: the agencies, their
     * IdPs, the services) with {@code dvc-config apply}, as an operator would. Everything apply creates is owned by
     * dvc-config; a second start finds nothing to do.
     *
     * @throws IllegalStateException naming what apply reported, if it did not apply everything (e.g. a demo state
     *                               of an older build whose objects differ from the files)
     */
    public void apply() {
        apply(java.util.Optional.empty());
    }

    /**
     * The same, with the federation files in {@code moreFiles} (e.g. the national fixture that {@code ./dvc-fixture}
     * wrote into the demo's state) applied together with the demo's: files of the same path are the demo's. Without
     * them, a start would delete what an earlier {@code ./dvc-fixture} applied (dvc-config owns it).
     */
    public void apply(java.util.Optional<java.nio.file.Path> moreFiles) {
        apply(moreFiles, java.util.Optional.empty());
    }

    /**
     * The same, and with {@code agencyOidc} (running) its agency {@code land-beispiel} from federation/demo-agency-oidc,
     * registered like the other demo agencies. An apply without it deletes that agency again (dvc-config owns it).
     */
    public void apply(java.util.Optional<java.nio.file.Path> moreFiles, java.util.Optional<AgencyOidcProvider> agencyOidc) {
        AgencyIdpRealm agencyIdps = new AgencyIdpRealm(admin, serverUrl);
        setUpRealm();
        Map<String, String> secrets = new java.util.HashMap<>();
        for (DemoAgency agency : DemoAgencies.ALL) {
            RealmResource agencyRealm = agencyIdps.ensure(agency);
            if (agency.protocol() == DemoAgencies.Protocol.OIDC) {
                secrets.put(secretName(agency), AgencyIdpRealm.brokerSecret(agencyRealm));
            }
        }
        secrets.put("DVC_DEMO_SERVICE_CLIENT_SECRET", DEMO_CLIENT_SECRET);
        applyFiles(secrets, moreFiles, agencyOidc);
    }

    /** The environment variable federation/demo names for the client secret of an OIDC agency IdP. */
    static String secretName(DemoAgency agency) {
        return "DVC_DEMO_" + agency.idpAlias().toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_CLIENT_SECRET";
    }

    private void applyFiles(Map<String, String> secrets, java.util.Optional<java.nio.file.Path> moreFiles,
                            java.util.Optional<AgencyOidcProvider> agencyOidc) {
        java.nio.file.Path directory = null;
        try {
            directory = java.nio.file.Files.createTempDirectory("dvc-demo-federation-");
            if (moreFiles.isPresent()) {
                copy(moreFiles.get(), directory);
            }
            DemoFiles.write(directory, serverUrl, serviceUrl);
            if (agencyOidc.isPresent()) {
                agencyOidc.get().writeFederationFile(directory);
                secrets.put(agencyOidc.get().secretName(), agencyOidc.get().secret());
            }
            // references as the files write them (env:NAME) to their values; nothing from the process environment
            Map<String, String> environment = new java.util.HashMap<>();
            secrets.forEach((name, value) -> environment.put("env:" + name, value));
            environment.put("env:" + ADMIN_PASSWORD_VARIABLE, DvcServer.ADMIN_PASSWORD);
            java.io.StringWriter output = new java.io.StringWriter();
            java.io.PrintWriter out = new java.io.PrintWriter(output, true);
            int exit = de.dvc.iam.config.cli.DvcConfig.run(out, out, new de.dvc.iam.config.cli.Environment(
                    de.dvc.iam.config.cli.Environment.SYSTEM.connector(), de.dvc.iam.config.state.Secrets.of(environment)),
                    "apply", directory.toString(), "--server", serverUrl, "--admin-user", DvcServer.ADMIN_USER,
                    "--admin-password", "env:" + ADMIN_PASSWORD_VARIABLE, "--parallel", "2");
            if (exit != de.dvc.iam.config.cli.DvcConfig.VALID) {
                throw new IllegalStateException("dvc-config apply of the demo federation (federation/demo) ended with exit code " + exit
                        + (exit == de.dvc.iam.config.cli.DvcConfig.INVALID ? " (a demo state of an older build? start with a new "
                        + "--state-dir, or delete the old one)" : "") + ":\n" + output);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("The demo federation files could not be written: " + e.getMessage(), e);
        } finally {
            if (directory != null) {
                deleteQuietly(directory);
            }
        }
    }

    private static final String ADMIN_PASSWORD_VARIABLE = "DVC_ADMIN_PASSWORD";

    /** Copies the regular files below {@code from} (not hidden ones) to the same paths below {@code to}. */
    private static void copy(java.nio.file.Path from, java.nio.file.Path to) throws java.io.IOException {
        try (java.util.stream.Stream<java.nio.file.Path> walk = java.nio.file.Files.walk(from)) {
            for (java.nio.file.Path file : walk.filter(java.nio.file.Files::isRegularFile).toList()) {
                java.nio.file.Path relative = from.relativize(file);
                boolean hidden = false;
                for (java.nio.file.Path part : relative) {
                    hidden |= part.toString().startsWith(".");
                }
                if (!hidden) {
                    java.nio.file.Path target = to.resolve(relative.toString());
                    java.nio.file.Files.createDirectories(target.getParent());
                    java.nio.file.Files.copy(file, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteQuietly(java.nio.file.Path directory) {
        try (java.util.stream.Stream<java.nio.file.Path> walk = java.nio.file.Files.walk(directory)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (java.io.IOException ignored) {
            // a temporary directory: what is left is harmless
        }
    }

    /** The public client {@value #REGISTRATION_CLI} for the registration API from a terminal (device grant, RFC 8628). */
    public static final String REGISTRATION_CLI = "dvc-registration-cli";

    /**
     * Sets up one more agency IdP (its realm, its registration with its agency) unless present; tests
     * use it for a second IdP of an agency. Call after {@link #apply()}.
     */
    public void ensureAgencyIdp(DemoAgency agency) {
        RealmResource agencyRealm = new AgencyIdpRealm(admin, serverUrl).ensure(agency);
        new AgencyRegistration(admin.realm(REALM), serverUrl).ensure(agency, agencyRealm);
    }

    /** Sets up only the agency's own IdP (its realm), not its registration: for registration API tests. */
    public void ensureAgencyIdpRealm(DemoAgency agency) {
        new AgencyIdpRealm(admin, serverUrl).ensure(agency);
    }

    /**
     * Sets up an agency's OIDC provider (its realm, not its registration) reached through its TLS front
     * end {@code frontendUrl} (the {@link AgencyWebServer}, which passes {@code /realms/<realm>/} on to
     * this server): issuer and endpoints are then https://, as the registration API requires.
     *
     * @return the secret of DVC IAM's client {@code dvc-iam} at the provider
     */
    public String ensureAgencyIdpRealmBehind(DemoAgency agency, String frontendUrl) {
        RealmResource realm = new AgencyIdpRealm(admin, serverUrl).ensure(agency);
        RealmRepresentation settings = realm.toRepresentation();
        Map<String, String> attributes = new java.util.HashMap<>(settings.getAttributes() == null ? Map.of() : settings.getAttributes());
        if (!frontendUrl.equals(attributes.get("frontendUrl"))) {
            attributes.put("frontendUrl", frontendUrl);
            settings.setAttributes(attributes);
            realm.update(settings);
        }
        return AgencyIdpRealm.brokerSecret(realm);
    }

    /**
     * Demo only: {@link DemoAgencies#DEMO_OPERATOR}, a user of the BMI's IdP whom federation/demo/settings.yaml names as
     * federation operator, so the registration walkthrough has a second person to approve.
     */
    public void ensureDemoOperatorUser() {
        new AgencyIdpUsers(admin, DemoAgencies.BUND_BMI).ensure(DemoAgencies.DEMO_OPERATOR);
    }

    /**
     * Only realm {@code dvc} itself, as the server's set-up makes it (settings, the {@code dvc} client scope, the
     * discovery flows), with no agency and no service: what {@code dvc-config apply} needs before it creates them.
     */
    public RealmResource setUpRealm() {
        return setUpRealm(REALM);
    }

    /** The same for a realm of another name (tests: an empty realm to apply an export to). */
    public RealmResource setUpRealm(String name) {
        if (!ServerState.realmExists(admin, name)) {
            RealmRepresentation realm = new RealmRepresentation();
            realm.setRealm(name);
            realm.setDisplayName("Deutsche Verwaltungscloud");
            realm.setEnabled(true);
            realm.setLoginTheme("dvc");
            realm.setInternationalizationEnabled(true);
            realm.setSupportedLocales(Set.of("de", "en"));
            realm.setDefaultLocale("de");
            realm.setOrganizationsEnabled(true);
            realm.setRegistrationAllowed(false);
            realm.setBruteForceProtected(true);
            admin.realms().create(realm);
        }
        RealmResource dvc = admin.realm(name);
        CentralRealmSettings.ensure(dvc);
        ensureDvcScope(dvc);
        DiscoveryFlow.ensure(dvc);
        return dvc;
    }

    /**
     * Client scope {@code dvc}: the DVC identity contract in ID token, access token and userinfo, and
     * the pairwise {@code sub}. A scope from an older demo state gets the mappers it lacks.
     */
    private static void ensureDvcScope(RealmResource dvc) {
        String id = ServerState.clientScopeId(dvc, DVC_SCOPE).orElse(null);
        if (id == null) {
            ClientScopeRepresentation scope = new ClientScopeRepresentation();
            scope.setName(DVC_SCOPE);
            scope.setDescription("DVC identity contract (docs/claims.md): person, agency, org unit, roles, assurance, pairwise sub");
            scope.setProtocol("openid-connect");
            scope.setAttributes(Map.of("include.in.token.scope", "true", "display.on.consent.screen", "false"));
            id = ServerState.createdId(dvc.clientScopes().create(scope), "client scope " + DVC_SCOPE);
            dvc.addDefaultDefaultClientScope(id);
        }
        var mappers = dvc.clientScopes().get(id).getProtocolMappers();
        List<String> present = mappers.getMappers().stream().map(ProtocolMapperRepresentation::getProtocolMapper).toList();
        Map<String, String> inTokens = Map.of("id.token.claim", "true", "access.token.claim", "true",
                "userinfo.token.claim", "true", "introspection.token.claim", "true");
        if (!present.contains("dvc-identity-mapper")) {
            ServerState.createdId(mappers.createMapper(mapper("dvc identity contract", "dvc-identity-mapper", inTokens)),
                    "mapper dvc identity contract");
        }
        if (!present.contains("dvc-pairwise-subject")) {
            // The secret is generated by the mapper when left empty (PairwiseSubjectMapper#validateConfig).
            ServerState.createdId(mappers.createMapper(mapper("dvc pairwise subject", "dvc-pairwise-subject", Map.of())),
                    "mapper dvc pairwise subject");
        }
    }

    private static ProtocolMapperRepresentation mapper(String name, String type, Map<String, String> config) {
        ProtocolMapperRepresentation mapper = new ProtocolMapperRepresentation();
        mapper.setName(name);
        mapper.setProtocol("openid-connect");
        mapper.setProtocolMapper(type);
        mapper.setConfig(new java.util.HashMap<>(config));
        return mapper;
    }

    /** The demo service's sector of the pairwise subject (client attribute {@code dvc.sector}, required). */
    public static final String DEMO_SECTOR = "demo.dvc.example";

    /** Links an agency IdP to its organization; separate so the registration issue can replace it. */
    static final class AgencyRegistration {
        private final RealmResource dvc;
        private final String serverUrl;

        AgencyRegistration(RealmResource dvc, String serverUrl) {
            this.dvc = dvc;
            this.serverUrl = serverUrl;
        }

        void ensure(DemoAgency agency, RealmResource agencyRealm) {
            if (!ServerState.idpExists(dvc, agency.idpAlias())) {
                AgencyIdentityProvider provider = new AgencyIdentityProvider(dvc, serverUrl);
                IdentityProviderRepresentation idp = provider.describe(agency, agencyRealm);
                ServerState.createdId(dvc.identityProviders().create(idp), "identity provider " + agency.idpAlias());
            }
            new AgencyIdentityProvider(dvc, serverUrl).ensureProfile(agency);
            // The alias (agency id) identifies the agency, but organization search only matches names
            // (and listing all organizations takes minutes in a realm of 12,000): search the name, check the alias.
            String orgId = dvc.organizations().search(agency.agency().name(), true, 0, 10).stream()
                    .filter(o -> agency.agency().id().equals(o.getAlias()))
                    .map(OrganizationRepresentation::getId).findFirst()
                    .orElseGet(() -> createOrganization(agency));
            boolean linked = dvc.organizations().get(orgId).identityProviders().getIdentityProviders().stream()
                    .anyMatch(i -> agency.idpAlias().equals(i.getAlias()));
            if (!linked) {
                try (var response = dvc.organizations().get(orgId).identityProviders().addIdentityProvider(agency.idpAlias())) {
                    if (response.getStatus() / 100 != 2) {
                        throw new IllegalStateException("Could not link IdP " + agency.idpAlias() + " to its agency: HTTP "
                                + response.getStatus() + " " + response.readEntity(String.class));
                    }
                }
            }
        }

        private String createOrganization(DemoAgency agency) {
            OrganizationRepresentation org = AgencyOrganization.of(agency.agency(), agency.domain(), false);
            return ServerState.createdId(dvc.organizations().create(org), "agency " + agency.agency().id());
        }
    }
}
