package de.dvc.iam.config.keycloak;

import de.dvc.iam.config.state.DesiredService;
import de.dvc.iam.config.state.Secret;
import de.dvc.iam.config.state.ServerService;
import org.keycloak.representations.idm.ClientRepresentation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes services as clients: the client, then its optional scopes (a call of their own), as {@link Steps}. A
 * changed client secret cannot be taken back by an undo (the old one is never read); the recorded fingerprint is,
 * so the next plan shows the secret as changed. Thread-safe.
 */
final class ServiceWrites {

    private final RealmAdmin admin;

    ServiceWrites(RealmAdmin admin) {
        this.admin = admin;
    }

    void create(DesiredService desired) {
        String clientId = desired.name();
        Steps steps = new Steps("service " + clientId);
        ClientRepresentation client = ServiceMapping.of(desired, Optional.empty(), desired.clientSecret().flatMap(Secret::value),
                desired.clientSecret().flatMap(s -> s.fingerprint(clientId)));
        String[] id = new String[1];
        steps.run("create its client", () -> id[0] = admin.createClient(client), () -> admin.deleteClient(id[0]));
        steps.run("set its optional scopes", () -> admin.setOptionalScopes(id[0], desired.spec().scopes()), null);
    }

    void update(DesiredService desired, ServerService actual) {
        String clientId = desired.name();
        Steps steps = new Steps("service " + clientId);
        ClientRepresentation[] current = new ClientRepresentation[1];
        @SuppressWarnings("unchecked")
        List<String>[] scopes = new List[1];
        steps.run("read its client", () -> {
            current[0] = admin.client(actual.id());
            scopes[0] = admin.optionalScopes(actual.id());
        }, null);
        Optional<String> print = desired.clientSecret().flatMap(s -> s.fingerprint(clientId));
        Optional<String> secret = print.isPresent() && !print.equals(actual.secretFingerprint())
                ? desired.clientSecret().flatMap(Secret::value) : Optional.empty();
        ClientRepresentation updated = ServiceMapping.of(desired, Optional.of(current[0]), secret, print.or(actual::secretFingerprint));
        steps.run("update its client", () -> admin.updateClient(updated), () -> admin.updateClient(current[0]));
        List<String> wanted = new ArrayList<>(desired.spec().scopes());
        if (!sorted(wanted).equals(sorted(scopes[0]))) {
            steps.run("set its optional scopes", () -> admin.setOptionalScopes(actual.id(), wanted),
                    () -> admin.setOptionalScopes(actual.id(), scopes[0]));
        }
    }

    void delete(ServerService actual) {
        new Steps("service " + actual.name()).run("delete its client", () -> admin.deleteClient(actual.id()), null);
    }

    private static List<String> sorted(List<String> values) {
        return values.stream().sorted().toList();
    }
}
