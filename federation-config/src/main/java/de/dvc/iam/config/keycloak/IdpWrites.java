package de.dvc.iam.config.keycloak;

import de.dvc.iam.config.model.IdpSpec;
import de.dvc.iam.config.model.Protocol;
import de.dvc.iam.config.state.DesiredIdp;
import de.dvc.iam.config.state.MetadataFile;
import de.dvc.iam.config.state.Secret;
import de.dvc.iam.config.state.ServerIdp;
import org.keycloak.representations.idm.IdentityProviderMapperRepresentation;
import org.keycloak.representations.idm.IdentityProviderRepresentation;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes agency IdPs: the IdP, its profile mapper and its link to its agency, as {@link Steps} — a create that fails
 * at the mapper or the link deletes the IdP again; an update that fails puts back what it changed. The server
 * fetches the metadata or discovery document first, before anything is written. Thread-safe.
 */
final class IdpWrites {

    private final RealmAdmin admin;
    private final OrganizationIndex index;

    IdpWrites(RealmAdmin admin, OrganizationIndex index) {
        this.admin = admin;
        this.index = index;
    }

    void create(DesiredIdp desired) {
        IdpSpec spec = desired.spec();
        Steps steps = new Steps("IdP " + spec.alias());
        String organization = organization(desired, steps);
        Map<String, String> source = source(desired, steps);
        Optional<String> secret = desired.clientSecret().flatMap(Secret::value);
        IdentityProviderRepresentation idp = IdpMapping.of(desired, Optional.empty(), Optional.of(source), secret,
                desired.clientSecret().flatMap(s -> s.fingerprint(spec.alias())));
        steps.run("create it", () -> admin.createIdentityProvider(idp), () -> admin.deleteIdentityProvider(spec.alias()));
        steps.run("add its profile mapper", () -> admin.addMapper(spec.alias(), ProfileMapping.mapper(spec, Optional.empty())), null);
        steps.run("link it to agency '" + desired.agency() + "'", () -> admin.linkIdentityProvider(organization, spec.alias()), null);
    }

    void update(DesiredIdp desired, ServerIdp actual) {
        IdpSpec spec = desired.spec();
        Steps steps = new Steps("IdP " + spec.alias());
        String organization = organization(desired, steps);
        IdentityProviderRepresentation[] current = new IdentityProviderRepresentation[1];
        @SuppressWarnings("unchecked")
        List<IdentityProviderMapperRepresentation>[] mappers = new List[1];
        steps.run("read it", () -> {
            current[0] = admin.identityProvider(spec.alias());
            mappers[0] = admin.mappers(spec.alias());
        }, null);
        Optional<Map<String, String>> source = sourceChanged(desired, actual) ? Optional.of(source(desired, steps)) : Optional.empty();
        Optional<String> newSecret = secretChanged(desired, actual) ? desired.clientSecret().flatMap(Secret::value) : Optional.empty();
        Optional<String> print = desired.clientSecret().flatMap(s -> s.fingerprint(spec.alias())).or(actual::secretFingerprint);
        IdentityProviderRepresentation updated = IdpMapping.of(desired, Optional.of(current[0]), source, newSecret, print);
        String linked = current[0].getOrganizationId();
        boolean moves = !organization.equals(linked);
        if (moves && linked != null) {
            // first: Keycloak checks an IdP's domain against the organization it is linked to
            steps.run("unlink it from its former agency", () -> admin.unlinkIdentityProvider(linked, spec.alias()),
                    () -> admin.linkIdentityProvider(linked, spec.alias()));
        }
        if (!IdpMapping.same(updated, current[0])) {
            steps.run("update it", () -> admin.updateIdentityProvider(updated), () -> admin.updateIdentityProvider(current[0]));
        }
        Optional<IdentityProviderMapperRepresentation> mapper = ProfileMapping.find(mappers[0]);
        IdentityProviderMapperRepresentation wanted = ProfileMapping.mapper(spec, mapper.map(IdentityProviderMapperRepresentation::getId));
        if (mapper.isEmpty()) {
            String[] id = new String[1];
            steps.run("add its profile mapper", () -> id[0] = admin.addMapper(spec.alias(), wanted), () -> admin.deleteMapper(spec.alias(), id[0]));
        } else if (!Objects.equals(mapper.get().getConfig(), wanted.getConfig())) {
            steps.run("update its profile mapper", () -> admin.updateMapper(spec.alias(), wanted), () -> admin.updateMapper(spec.alias(), mapper.get()));
        }
        if (moves) {
            steps.run("link it to agency '" + desired.agency() + "'", () -> admin.linkIdentityProvider(organization, spec.alias()),
                    () -> admin.unlinkIdentityProvider(organization, spec.alias()));
        }
    }

    void delete(ServerIdp actual) {
        new Steps("IdP " + actual.name()).run("delete it (with its mappers and agency link)",
                () -> admin.deleteIdentityProvider(actual.name()), null);
    }

    private String organization(DesiredIdp desired, Steps steps) {
        Optional<String> id = index.id(desired.agency());
        if (id.isEmpty()) {
            steps.fail("find its agency", "agency '" + desired.agency() + "' is not on the server");
        }
        return id.orElseThrow();
    }

    /** The settings from the IdP's metadata or discovery document, fetched by the server; checked against the files. */
    private Map<String, String> source(DesiredIdp desired, Steps steps) {
        IdpSpec spec = desired.spec();
        @SuppressWarnings("unchecked")
        Map<String, String>[] source = new Map[1];
        if (spec.protocol() == Protocol.LDAP) {
            return Map.of(); // nothing to fetch: the settings are the files' (the server's LDAP guard reaches the directory)
        }
        if (spec.protocol() == Protocol.OIDC) {
            String issuer = spec.issuer().orElseThrow();
            steps.run("read its discovery document", () -> source[0] = admin.importFrom("oidc",
                    issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration"), null);
            if (!issuer.equals(source[0].get("issuer"))) {
                steps.fail("check its discovery document", "it names the issuer '" + source[0].get("issuer") + "', the files '" + issuer + "'");
            }
        } else if (desired.metadataFile().isPresent()) {
            MetadataFile file = desired.metadataFile().get();
            steps.run("read its metadata file " + file.path(), () -> source[0] = admin.importSamlMetadata(file.xml()), null);
        } else {
            steps.run("read its metadata", () -> source[0] = admin.importFrom("saml", spec.metadataUrl().orElseThrow()), null);
        }
        spec.entityId().filter(e -> spec.protocol() == Protocol.SAML && !e.equals(source[0].get("idpEntityId"))).ifPresent(e ->
                steps.fail("check its metadata", "it names the entityID '" + source[0].get("idpEntityId") + "', the files '" + e + "'"));
        return source[0];
    }

    private static boolean sourceChanged(DesiredIdp desired, ServerIdp actual) {
        IdpSpec spec = desired.spec();
        return !spec.metadataUrl().equals(actual.spec().metadataUrl()) || !spec.issuer().equals(actual.spec().issuer())
                || !desired.metadataFile().map(MetadataFile::sha256).equals(actual.metadataSha256())
                || !spec.entityId().equals(actual.spec().entityId());
    }

    private static boolean secretChanged(DesiredIdp desired, ServerIdp actual) {
        Optional<String> print = desired.clientSecret().flatMap(s -> s.fingerprint(desired.name()));
        return print.isPresent() && !print.equals(actual.secretFingerprint());
    }
}
