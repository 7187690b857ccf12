package de.dvc.iam.demo;

import de.dvc.iam.core.agency.AgencyCsv;
import de.dvc.iam.core.agency.AgencyCsv.Row;
import jakarta.ws.rs.core.Response;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.IdentityProviderRepresentation;
import de.dvc.iam.core.agency.AgencyAttributes;
import org.keycloak.representations.idm.OrganizationRepresentation;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test and benchmark tooling (the integration tests' federation, the discovery benchmark): loads rows of the federation
 * fixture ({@code fixtures/agencies.csv}) into a running DVC IAM through the admin API, as objects dvc-config does not
 * own: per agency an organization (alias, name, attributes, verified domain) and an OIDC IdP linked to it. Operators
 * and {@code ./dvc-fixture} load the fixture as federation files instead ({@code dvc-config import-csv}, {@code apply}). The fixture IdPs are placeholders under {@code .example} (they exist so that
 * discovery can find and route to them; nobody can log in through them).
 *
 * <p>The whole file is read and checked before anything is written; agencies already present (by
 * IdP alias / organization alias) are left as they are, so the command can be re-run.
 */
public final class FixtureLoader {

    private final RealmResource realm;
    private final PrintStream out;
    private final int threads;

    public FixtureLoader(Keycloak admin, String realm, PrintStream out, int threads) {
        this.realm = admin.realm(realm);
        this.out = out;
        this.threads = threads;
    }

    /** Reads and checks {@code csv} completely; throws naming the line before anything is applied. */
    public static List<Row> read(Path csv, int limit) throws IOException {
        List<Row> rows;
        try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            rows = AgencyCsv.read(reader);
        }
        Set<String> ids = new HashSet<>();
        Map<String, String> domains = new HashMap<>();
        for (Row row : rows) {
            if (!ids.add(row.agency().id())) {
                throw new IllegalArgumentException("Agency id '" + row.agency().id() + "' appears twice in " + csv + ".");
            }
            String other = domains.putIfAbsent(row.domain(), row.agency().id());
            if (other != null) {
                throw new IllegalArgumentException("Domain '" + row.domain() + "' is claimed by both " + other
                        + " and " + row.agency().id() + " in " + csv + ".");
            }
        }
        return limit > 0 && limit < rows.size() ? rows.subList(0, limit) : rows;
    }

    /** Creates what is missing; returns how many agencies were created. */
    public int load(List<Row> rows) throws InterruptedException {
        // An agency is complete when its IdP exists and is linked to an organization. Listing IdPs is
        // cheap; listing 12,000 organizations takes minutes, so organizations are looked up by name.
        Map<String, String> linked = new java.util.concurrent.ConcurrentHashMap<>();
        Set<String> idps = java.util.concurrent.ConcurrentHashMap.newKeySet();
        realm.identityProviders().find(null, true, 0, Integer.MAX_VALUE).forEach(idp -> {
            idps.add(idp.getAlias());
            if (idp.getOrganizationId() != null) {
                linked.put(idp.getAlias(), idp.getOrganizationId());
            }
        });

        List<Row> missing = rows.stream().filter(r -> !linked.containsKey(r.agency().id())).toList();
        out.printf("%d agencies in the file, %d already present, %d to create (%d threads)%n",
                rows.size(), rows.size() - missing.size(), missing.size(), threads);
        Instant start = Instant.now();
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        for (Row row : missing) {
            futures.add(pool.submit(() -> {
                create(row, idps.contains(row.agency().id()));
                int n = done.incrementAndGet();
                if (n % 1000 == 0) {
                    out.printf("  %d / %d (%d s)%n", n, missing.size(), Duration.between(start, Instant.now()).toSeconds());
                }
            }));
        }
        pool.shutdown();
        try {
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            pool.shutdownNow();
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } finally {
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
        out.printf("Created %d agencies in %d s%n", missing.size(), Duration.between(start, Instant.now()).toSeconds());
        return missing.size();
    }

    private void create(Row row, boolean idpExists) {
        String id = row.agency().id();
        if (!idpExists) {
            check(realm.identityProviders().create(placeholderIdp(row)), "identity provider " + id);
        }
        ensureProfileMapper(id, !idpExists);
        String organizationId = findOrganization(row).orElseGet(() -> createOrganization(row));
        check(realm.organizations().get(organizationId).identityProviders().addIdentityProvider(id), "link of " + id);
    }

    private java.util.Optional<String> findOrganization(Row row) {
        for (boolean taken : new boolean[] {false, true}) {
            String name = AgencyAttributes.organizationName(row.agency(), taken);
            java.util.Optional<String> found = realm.organizations().search(name, true, 0, 10).stream()
                    .filter(o -> row.agency().id().equals(o.getAlias())).map(OrganizationRepresentation::getId).findFirst();
            if (found.isPresent()) {
                return found;
            }
        }
        return java.util.Optional.empty();
    }

    private boolean nameTakenByOther(Row row) {
        String name = AgencyAttributes.organizationName(row.agency(), false);
        return realm.organizations().search(name, true, 0, 10).stream()
                .anyMatch(o -> name.equals(o.getName()) && !row.agency().id().equals(o.getAlias()));
    }

    /** Keycloak wants unique organization names; agency names are not (see AgencyAttributes.NAME). */
    private String createOrganization(Row row) {
        try (Response response = realm.organizations().create(AgencyOrganization.of(row.agency(), row.domain(), false))) {
            if (response.getStatus() == 201) {
                String path = response.getLocation().getPath();
                return path.substring(path.lastIndexOf('/') + 1);
            }
            // 409: the name is taken. Two rows of one name created at the same moment pass Keycloak's name check both,
            // and the database's unique name index refuses the second: HTTP 500 ("Landkreis Rostock" in a test run).
            if (response.getStatus() != 409 && !(response.getStatus() >= 500 && nameTakenByOther(row))) {
                throw new IllegalStateException("Could not create agency " + row.agency().id() + ": HTTP "
                        + response.getStatus() + " " + response.readEntity(String.class));
            }
        }
        return ServerState.createdId(realm.organizations().create(AgencyOrganization.of(row.agency(), row.domain(), true)),
                "agency " + row.agency().id());
    }

    /**
     * An OIDC IdP under the agency's .example domain: discoverable and routable, not usable for login. Complete as
     * every IdP of realm dvc must be: DVC's broker settings, the first-login flow, its own domain, and (see
     * {@link #ensureProfileMapper}) the DVC agency profile; without it every login through it is refused anyway.
     */
    private static IdentityProviderRepresentation placeholderIdp(Row row) {
        String base = "https://login." + row.domain();
        IdentityProviderRepresentation idp = new IdentityProviderRepresentation();
        idp.setAlias(row.agency().id());
        idp.setDisplayName(row.agency().name());
        idp.setProviderId("oidc");
        idp.setEnabled(true);
        idp.setTrustEmail(true);
        idp.setFirstBrokerLoginFlowAlias(DiscoveryFlow.FIRST_LOGIN);
        Map<String, String> config = new java.util.HashMap<>(de.dvc.iam.core.registration.BrokerSettings.oidc("dvc-iam",
                "fixture-placeholder"));
        config.putAll(Map.of(
                "issuer", base,
                "authorizationUrl", base + "/authorize",
                "tokenUrl", base + "/token",
                "jwksUrl", base + "/jwks",
                "syncMode", "FORCE",
                "kc.org.domain", row.domain()));
        idp.setConfig(config);
        return idp;
    }

    /** The DVC agency profile mapper of fixture IdP {@code alias} (OIDC profile, assurance normal), unless present. */
    private void ensureProfileMapper(String alias, boolean created) {
        var resource = realm.identityProviders().get(alias);
        if (!created && resource.getMappers().stream().anyMatch(m -> "dvc-agency-profile".equals(m.getIdentityProviderMapper()))) {
            return;
        }
        org.keycloak.representations.idm.IdentityProviderMapperRepresentation mapper =
                new org.keycloak.representations.idm.IdentityProviderMapperRepresentation();
        mapper.setName("dvc agency profile");
        mapper.setIdentityProviderAlias(alias);
        mapper.setIdentityProviderMapper("dvc-agency-profile");
        mapper.setConfig(Map.of("profile", "oidc", "assurance.max", "normal", "assurance.table", "", "syncMode", "FORCE"));
        check(resource.addMapper(mapper), "agency profile mapper of " + alias);
    }

    private static void check(Response response, String what) {
        try (response) {
            if (response.getStatus() / 100 != 2 && response.getStatus() != 409) {
                throw new IllegalStateException("Could not create " + what + ": HTTP " + response.getStatus() + " "
                        + response.readEntity(String.class));
            }
        }
    }
}
