package de.dvc.iam.config.keycloak;

import de.dvc.iam.config.state.Adoption;
import de.dvc.iam.config.state.Desired;
import de.dvc.iam.config.state.DesiredAgency;
import de.dvc.iam.config.state.DesiredIdp;
import de.dvc.iam.config.state.DesiredService;
import de.dvc.iam.config.state.ServerAgency;
import de.dvc.iam.config.state.ServerException;
import de.dvc.iam.config.state.ServerIdp;
import de.dvc.iam.config.state.ServerService;
import de.dvc.iam.config.state.ServerState;
import de.dvc.iam.config.state.Snapshot;
import de.dvc.iam.config.state.Write;
import de.dvc.iam.config.state.WriteFailed;
import de.dvc.iam.core.registration.RegistrationState;
import org.keycloak.representations.idm.IdentityProviderRepresentation;
import org.keycloak.representations.idm.OrganizationRepresentation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The federation on a DVC IAM server, over its admin REST API ({@link RealmAdmin}). {@link #read()} before writes:
 * IdP writes find their agency's organization by what was read (and what this instance created since).
 * Thread-safe: writes of different objects may run in parallel.
 */
public final class KeycloakServerState implements ServerState {

    private final RealmAdmin admin;
    private final String realm;
    private final int threads;
    private final OrganizationIndex index = new OrganizationIndex();
    private final AgencyWrites agencies;
    private final IdpWrites idps;
    private final ServiceWrites services;

    /** @param threads how many calls a read makes at a time (mappers, scopes) */
    public KeycloakServerState(RealmAdmin admin, String realm, int threads) {
        this.admin = admin;
        this.realm = realm;
        this.threads = threads;
        this.agencies = new AgencyWrites(admin, index);
        this.idps = new IdpWrites(admin, index);
        this.services = new ServiceWrites(admin);
    }

    @Override
    public Snapshot read() {
        try {
            return new SnapshotReader(admin, threads).read(realm, index);
        } catch (AdminCallFailed e) {
            throw new ServerException(switch (e.status()) {
                case 404 -> "The server has no realm '" + realm + "' (HTTP 404): set it up first (docs/federation-operators.md), or name it with --realm.";
                default -> loginOrElse(e, "Reading realm '" + realm + "' failed: " + e.getMessage());
            });
        }
    }

    private String loginOrElse(AdminCallFailed e, String otherwise) {
        return switch (e.status()) {
            case 0 -> e.getMessage();
            case 401 -> "The server refused the login (HTTP 401): check --admin-user and --admin-password, or --client-id and --client-secret.";
            case 403 -> "The login may not administer realm '" + realm + "' (HTTP 403): it needs the realm-management role realm-admin.";
            default -> otherwise;
        };
    }

    @Override
    public void write(Write write) {
        if (write instanceof Write.Create create) {
            create(create.desired());
        } else if (write instanceof Write.Update update) {
            update(update);
        } else {
            delete((Write.Delete) write);
        }
    }

    private void create(Desired desired) {
        if (desired instanceof de.dvc.iam.config.state.DesiredSettings settings) {
            settings(settings.attributes());
        } else if (desired instanceof DesiredAgency agency) {
            agencies.create(agency);
        } else if (desired instanceof DesiredIdp idp) {
            idps.create(idp);
        } else {
            services.create((DesiredService) desired);
        }
    }

    private void update(Write.Update update) {
        if (update.desired() instanceof de.dvc.iam.config.state.DesiredSettings settings) {
            settings(settings.attributes());
        } else if (update.desired() instanceof DesiredAgency agency) {
            agencies.update(agency, (ServerAgency) update.actual());
        } else if (update.desired() instanceof DesiredIdp idp) {
            idps.update(idp, (ServerIdp) update.actual());
        } else {
            services.update((DesiredService) update.desired(), (ServerService) update.actual());
        }
    }

    private void delete(Write.Delete delete) {
        if (delete.actual() instanceof de.dvc.iam.config.state.ServerSettings) {
            settings(de.dvc.iam.config.state.ServerSettings.none());
        } else if (delete.actual() instanceof ServerAgency agency) {
            agencies.delete(agency);
        } else if (delete.actual() instanceof ServerIdp idp) {
            idps.delete(idp);
        } else {
            services.delete((ServerService) delete.actual());
        }
    }

    /** The realm settings' attributes: in one update of the realm, all or none. */
    private void settings(java.util.Map<String, String> attributes) {
        try {
            admin.setRealmAttributes(attributes);
        } catch (AdminCallFailed e) {
            if (e.status() == 0) {
                throw new ServerException(e.getMessage());
            }
            throw new WriteFailed("Writing the realm settings (role holders, refresh) failed: " + e.getMessage(), true, false);
        }
    }

    @Override
    public void adopt(String alias) {
        try {
            admin.adopt(alias);
        } catch (AdminCallFailed e) {
            throw adoptionRefused(e);
        }
    }

    @Override
    public Adoption adoption(String alias) {
        try {
            Map<String, Object> preview = admin.adoption(alias);
            IdentityProviderRepresentation idp = admin.identityProvider(alias);
            Map<String, String> agencyOf = new HashMap<>();
            if (idp.getOrganizationId() != null) {
                OrganizationRepresentation organization = admin.organization(idp.getOrganizationId());
                agencyOf.put(organization.getId(), organization.getAlias() == null ? organization.getName() : organization.getAlias());
            }
            Reading reading = IdpReading.read(idp, admin.mappers(alias), agencyOf);
            if (reading.unreadable().isPresent()) {
                throw new WriteFailed("The registration's IdP cannot be described in files: " + reading.unreadable().get().reason() + ".", true, false);
            }
            ServerIdp held = (ServerIdp) reading.object().orElseThrow();
            String agency = held.agency().or(() -> text(preview, "agency")).orElseThrow(() ->
                    new WriteFailed("The registration '" + alias + "' belongs to no agency on the server.", true, false));
            List<String> domains = preview.get("domains") instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
            RegistrationState lifecycle;
            try {
                lifecycle = RegistrationState.fromCode(text(preview, "lifecycle").orElse(""));
            } catch (IllegalArgumentException e) {
                throw new ServerException("The server's adoption preview names no lifecycle dvc-config knows (" + preview.get("lifecycle") + ").");
            }
            return new Adoption(held, agency, lifecycle, text(preview, "metadataUrl"), text(preview, "entityId"), domains);
        } catch (AdminCallFailed e) {
            throw adoptionRefused(e);
        }
    }

    private RuntimeException adoptionRefused(AdminCallFailed e) {
        if (e.status() == 0 || e.status() == 401 || e.status() == 403) {
            return new ServerException(loginOrElse(e, e.getMessage()));
        }
        // a 404 without DVC's own answer is a server without the extension, not a missing registration
        return new WriteFailed(e.status() == 404 && !e.getMessage().contains("self-service registration")
                ? "The server has no adoption endpoint (HTTP 404): is it a DVC IAM server of this version?" : e.getMessage(), true, false);
    }

    private static java.util.Optional<String> text(Map<String, Object> json, String key) {
        return json.get(key) instanceof String value && !value.isBlank() ? java.util.Optional.of(value) : java.util.Optional.empty();
    }

    @Override
    public void close() {
        admin.close();
    }
}
