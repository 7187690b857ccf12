package de.dvc.iam.config.keycloak;

import de.dvc.iam.config.state.ServerAgency;
import de.dvc.iam.config.state.ServerIdp;
import de.dvc.iam.config.state.ServerService;
import de.dvc.iam.config.state.Snapshot;
import de.dvc.iam.config.state.Unreadable;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.IdentityProviderMapperRepresentation;
import org.keycloak.representations.idm.IdentityProviderRepresentation;
import org.keycloak.representations.idm.OrganizationRepresentation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.function.BiFunction;

/**
 * Reads the federation of a realm: organizations, identity providers and their mappers in one snapshot of the server's
 * database where the server offers it ({@link RealmAdmin#snapshot()}); otherwise page by page: organizations, identity providers (their mappers in one partial export, or one
 * call per IdP, made {@code threads} at a time, where the server refuses the export) and clients (each with its optional scopes), page by page. Not thread-safe (one read
 * at a time).
 */
final class SnapshotReader {

    static final int PAGE = 500;

    private final RealmAdmin admin;
    private final int threads;

    SnapshotReader(RealmAdmin admin, int threads) {
        this.admin = admin;
        this.threads = Math.max(1, threads);
    }

    Snapshot read(String realm, OrganizationIndex index) {
        admin.checkRealm();
        java.util.Optional<RealmAdmin.RealmSnapshot> snapshot = admin.snapshot();
        List<OrganizationRepresentation> organizations;
        List<IdentityProviderRepresentation> idps;
        Map<String, List<IdentityProviderMapperRepresentation>> mappers;
        if (snapshot.isPresent()) { // one transaction of the server: consistent, and without the realm cache
            organizations = snapshot.get().organizations();
            idps = snapshot.get().identityProviders();
            mappers = snapshot.get().mappers();
        } else {
            organizations = all(admin::organizations);
            List<IdentityProviderRepresentation> read = all(admin::identityProviders);
            idps = read;
            // After the IdPs: an IdP created between the two reads has its mappers read on its own below.
            mappers = admin.allMappers()
                    .map(all -> withMissing(all, read))
                    .orElseGet(() -> inParallel(read.stream().map(IdentityProviderRepresentation::getAlias).toList(), admin::mappers));
        }
        List<ClientRepresentation> clients = all(admin::clients);
        Map<String, List<String>> scopes = inParallel(clients.stream().filter(c -> !ServiceReading.INFRASTRUCTURE.contains(c.getClientId()))
                .map(ClientRepresentation::getId).toList(), admin::optionalScopes);

        Map<String, String> agencyOf = new HashMap<>();
        organizations.forEach(o -> agencyOf.put(o.getId(), o.getAlias() == null ? o.getName() : o.getAlias()));
        List<Unreadable> unreadable = new ArrayList<>();
        List<ServerIdp> agencyIdps = new ArrayList<>();
        Map<String, Set<String>> registrationDomains = new HashMap<>();
        for (IdentityProviderRepresentation idp : idps) {
            Reading reading = IdpReading.read(idp, mappers.getOrDefault(idp.getAlias(), List.of()), agencyOf);
            reading.unreadable().ifPresent(unreadable::add);
            reading.object().map(ServerIdp.class::cast).ifPresent(agencyIdps::add);
            if (idp.getOrganizationId() != null && idp.getConfig() != null && idp.getConfig().containsKey(Managed.REGISTRATION_STATE)) {
                Set<String> held = registrationDomains.computeIfAbsent(idp.getOrganizationId(), k -> new HashSet<>());
                held.addAll(Managed.split(idp.getConfig().get(Managed.REGISTRATION_DOMAINS), ","));
                held.addAll(Managed.split(idp.getConfig().get(Managed.REGISTRATION_ASSERTABLE), ","));
            }
        }
        List<ServerAgency> agencies = new ArrayList<>();
        for (OrganizationRepresentation organization : organizations) {
            // only what the organization has: a domain a registration merely declares is not the agency's (yet)
            Set<String> domains = new HashSet<>(registrationDomains.getOrDefault(organization.getId(), Set.of()));
            domains.retainAll(organization.getDomains() == null ? Set.of()
                    : organization.getDomains().stream().map(d -> d.getName()).collect(java.util.stream.Collectors.toSet()));
            Reading reading = AgencyMapping.read(organization, domains);
            reading.unreadable().ifPresent(unreadable::add);
            reading.object().map(ServerAgency.class::cast).ifPresent(a -> {
                agencies.add(a);
                index.put(a.name(), a.id(), a.spec().name());
            });
        }
        List<ServerService> services = new ArrayList<>();
        for (ClientRepresentation client : clients) {
            ServiceReading.read(client, scopes.getOrDefault(client.getId(), List.of())).ifPresent(reading -> {
                reading.unreadable().ifPresent(unreadable::add);
                reading.object().map(ServerService.class::cast).ifPresent(services::add);
            });
        }
        return new Snapshot(realm, agencies, agencyIdps, services, unreadable, settings());
    }

    /**
     * The role holders and refresh policy apply wrote; role holders that do not decode read as nobody (plan then shows
     * them written anew), a refresh policy is kept as text (plan shows it unreadable and written anew).
     */
    private java.util.Optional<de.dvc.iam.config.state.ServerSettings> settings() {
        java.util.Optional<String> roles = admin.realmAttribute(de.dvc.iam.core.roles.RoleHolders.REALM_ATTRIBUTE).filter(text -> !text.isBlank());
        java.util.Optional<String> refresh = admin.realmAttribute(de.dvc.iam.core.registration.RefreshPolicy.REALM_ATTRIBUTE)
                .filter(text -> !text.isBlank());
        if (roles.isEmpty() && refresh.isEmpty()) {
            return java.util.Optional.empty();
        }
        de.dvc.iam.core.roles.RoleHolders holders;
        try {
            holders = roles.map(de.dvc.iam.core.roles.RoleHolders::decode).orElse(de.dvc.iam.core.roles.RoleHolders.NONE);
        } catch (IllegalArgumentException e) {
            holders = de.dvc.iam.core.roles.RoleHolders.NONE;
        }
        return java.util.Optional.of(new de.dvc.iam.config.state.ServerSettings(holders, refresh));
    }

    /** The mappers of one read, plus those of IdPs it missed (created after it), read one by one. */
    private Map<String, List<IdentityProviderMapperRepresentation>> withMissing(Map<String, List<IdentityProviderMapperRepresentation>> all,
                                                                                List<IdentityProviderRepresentation> idps) {
        Map<String, List<IdentityProviderMapperRepresentation>> mappers = new HashMap<>(all);
        List<String> missing = idps.stream().map(IdentityProviderRepresentation::getAlias).filter(a -> !all.containsKey(a)).toList();
        mappers.putAll(inParallel(missing, admin::mappers));
        return mappers;
    }

    private static <T> List<T> all(BiFunction<Integer, Integer, List<T>> page) {
        List<T> all = new ArrayList<>();
        for (int first = 0; ; first += PAGE) {
            List<T> next = page.apply(first, PAGE);
            all.addAll(next);
            if (next.size() < PAGE) {
                return all;
            }
        }
    }

    private <T> Map<String, T> inParallel(List<String> keys, java.util.function.Function<String, T> call) {
        Map<String, T> results = new ConcurrentHashMap<>();
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            pool.submit(() -> keys.parallelStream().forEach(k -> {
                T value = call.apply(k);
                if (value != null) {
                    results.put(k, value);
                }
            })).join();
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() instanceof RuntimeException r ? r : e;
            throw cause instanceof AdminCallFailed failed ? failed : e;
        } finally {
            pool.shutdown();
        }
        return results;
    }
}
