package de.dvc.iam.config.export;

import de.dvc.iam.config.model.IdpSpec;
import de.dvc.iam.config.model.Protocol;
import de.dvc.iam.config.model.SecretReference;
import de.dvc.iam.config.model.ServiceSpec;
import de.dvc.iam.config.state.ObjectKind;
import de.dvc.iam.config.state.Ownership;
import de.dvc.iam.config.state.ServerAgency;
import de.dvc.iam.config.state.ServerIdp;
import de.dvc.iam.config.state.ServerService;
import de.dvc.iam.config.state.Snapshot;
import de.dvc.iam.config.validate.SourceFile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Turns a {@link Snapshot} into federation files. What the files cannot describe is left out and reported: IdPs of no
 * agency, self-service registrations (named in their agency's file: they are managed through the registration API),
 * hand-made objects lacking what the schema requires (a SAML IdP without a metadata URL, a service without sector,
 * contact or owner). Stateless.
 */
public final class Exporter {

    private Exporter() {
    }

    /**
     * @param root      the directory the files are for
     * @param schemaDir where the published schema is, for the editors' schema line; empty: its {@code $id}
     * @param source    the server, for the header comment
     */
    public static Export export(Snapshot snapshot, Path root, Optional<Path> schemaDir, String source) {
        List<SourceFile> files = new ArrayList<>();
        List<NotExported> left = new ArrayList<>();
        List<SecretReference> toSet = new ArrayList<>();
        Map<String, List<ServerIdp>> idpsOf = new HashMap<>();
        for (ServerIdp idp : snapshot.idps()) {
            if (idp.agency().isPresent()) {
                idpsOf.computeIfAbsent(idp.agency().get(), k -> new ArrayList<>()).add(idp);
            } else {
                left.add(new NotExported(ObjectKind.IDP, idp.name(), idp.ownership(), "it is linked to no agency"));
            }
        }
        Hosts insecure = new Hosts();
        for (ServerAgency agency : snapshot.agencies().stream().sorted(Comparator.comparing(ServerAgency::name)).toList()) {
            List<ExportedIdp> idps = new ArrayList<>();
            List<String> comments = new ArrayList<>();
            for (ServerIdp idp : idpsOf.getOrDefault(agency.name(), List.of()).stream().sorted(Comparator.comparing(ServerIdp::name)).toList()) {
                Optional<String> reason = ExportRules.idp(idp);
                if (reason.isPresent()) {
                    left.add(new NotExported(ObjectKind.IDP, idp.name(), idp.ownership(), reason.get()));
                    comments.add("Not exported: IdP " + idp.name() + " (" + idp.spec().protocol().code() + ", "
                            + idp.spec().lifecycle().code() + ", " + idp.ownership().label() + "): " + reason.get() + ".");
                    continue;
                }
                ExportedIdp exported = exported(idp);
                exported.secretNote().ifPresent(n -> toSet.add(exported.secret().orElseThrow()));
                insecure.add(idp.spec().metadataUrl(), idp.spec().issuer());
                idp.spec().directory().filter(d -> Boolean.TRUE.equals(d.settings().get("insecureForTests")))
                        .ifPresent(d -> insecure.addHostOf(String.valueOf(d.settings().get("url"))));
                idps.add(exported);
            }
            List<String> domains = new ArrayList<>(new TreeSet<>(agency.spec().domains()));
            if (!agency.registrationDomains().isEmpty()) {
                comments.add("Domains self-service registrations declare, kept by apply even if removed above: "
                        + String.join(", ", new TreeSet<>(agency.registrationDomains())) + ".");
            }
            Path file = root.resolve("agencies").resolve(ExportPaths.directory(agency.spec())).resolve(agency.name() + ".yaml");
            files.add(new SourceFile(file, AgencyYaml.of(ExportPaths.schemaLine(file, schemaDir, de.dvc.iam.config.model.Kind.AGENCY),
                    header(source, agency.ownership()), agency.spec(), domains, idps, comments)));
        }
        for (ServerService service : snapshot.services().stream().sorted(Comparator.comparing(ServerService::name)).toList()) {
            Optional<String> reason = ExportRules.service(service);
            if (reason.isPresent()) {
                left.add(new NotExported(ObjectKind.SERVICE, service.name(), service.ownership(), reason.get()));
                continue;
            }
            ServiceSpec spec = service.spec();
            Optional<SecretReference> secret = spec.confidential()
                    ? Optional.of(spec.clientSecret().orElse(SecretNames.service(spec.clientId()))) : Optional.empty();
            boolean named = secret.isPresent() && spec.clientSecret().isEmpty();
            secret.filter(s -> named).ifPresent(toSet::add);
            insecure.add(spec.baseUrl(), spec.backchannelLogoutUri());
            spec.redirectUris().forEach(u -> insecure.add(Optional.of(u)));
            spec.postLogoutRedirectUris().forEach(u -> insecure.add(Optional.of(u)));
            Path file = root.resolve("services").resolve(spec.clientId() + ".yaml");
            files.add(new SourceFile(file, ServiceYaml.of(ExportPaths.schemaLine(file, schemaDir, de.dvc.iam.config.model.Kind.SERVICE),
                    header(source, service.ownership()), spec, secret, named ? Optional.of(SecretNames.note(secret.get())) : Optional.empty())));
        }
        snapshot.unreadable().forEach(u -> left.add(new NotExported(u.kind(), u.name(), u.ownership(), u.reason())));
        Path settings = root.resolve("settings.yaml");
        Optional<de.dvc.iam.core.registration.RefreshPolicy> refresh = Optional.empty();
        Optional<String> refreshText = snapshot.settings().flatMap(s -> s.refresh());
        if (refreshText.isPresent()) {
            try {
                refresh = Optional.of(de.dvc.iam.core.registration.RefreshPolicy.decode(refreshText.get()));
            } catch (IllegalArgumentException e) {
                left.add(new NotExported(de.dvc.iam.config.state.ObjectKind.SETTINGS, de.dvc.iam.config.state.DesiredSettings.NAME,
                        de.dvc.iam.config.state.Ownership.OWNED, "its refresh policy (realm attribute "
                        + de.dvc.iam.core.registration.RefreshPolicy.REALM_ATTRIBUTE + ") is unreadable: " + e.getMessage()
                        + "; the exported settings name none, so the server options decide"));
            }
        }
        files.add(new SourceFile(settings, SettingsYaml.of(ExportPaths.schemaLine(settings, schemaDir, de.dvc.iam.config.model.Kind.SETTINGS),
                "Exported from " + source + ".", snapshot.realm(), insecure.hosts(),
                snapshot.settings().map(s -> s.holders()).orElse(de.dvc.iam.core.roles.RoleHolders.NONE), refresh)));
        left.sort(Comparator.comparing(NotExported::kind).thenComparing(NotExported::name));
        return new Export(files, left, toSet);
    }

    /**
     * The IdP {@code spec} as an item of its agency file's {@code idps:} list, as export writes it ({@code adopt}).
     *
     * @throws IllegalArgumentException if the files cannot describe it (the reason)
     */
    public static IdpItem idpItem(IdpSpec spec) {
        ExportRules.describable(spec).ifPresent(reason -> {
            throw new IllegalArgumentException(reason);
        });
        ExportedIdp exported = exported(spec, Optional.empty());
        return new IdpItem(AgencyYaml.idpItem(exported), exported.secretNote().flatMap(n -> exported.secret()));
    }

    private static ExportedIdp exported(ServerIdp idp) {
        return exported(idp.spec(), idp.metadataSha256());
    }

    private static ExportedIdp exported(IdpSpec spec, Optional<String> metadataSha256) {
        if (spec.protocol() == Protocol.LDAP) {
            return directory(spec);
        }
        if (spec.protocol() == Protocol.SAML) {
            Optional<String> fileNote = spec.metadataFile().map(f -> "The server keeps only the SHA-256 of this file ("
                    + metadataSha256.orElse("unknown") + "): copy it here from the repository it was applied from.");
            return new ExportedIdp(spec, Optional.empty(), Optional.empty(), fileNote);
        }
        if (spec.clientSecret().isPresent()) {
            return new ExportedIdp(spec, spec.clientSecret(), Optional.empty(), Optional.empty());
        }
        SecretReference named = SecretNames.idp(spec.alias());
        return new ExportedIdp(spec, Optional.of(named), Optional.of(SecretNames.note(named)), Optional.empty());
    }

    /**
     * A directory with its bind secret as a reference: the vault secret or the reference apply recorded; otherwise the
     * server holds the value (written by the registration API or by hand), which an export never writes: it names an
     * {@code env:} variable for the operator to set instead.
     */
    private static ExportedIdp directory(IdpSpec spec) {
        de.dvc.iam.config.model.DirectorySpec directory = spec.directory().orElseThrow();
        if (directory.bindSecret().isPresent()) {
            return new ExportedIdp(spec, Optional.empty(), Optional.empty(), Optional.empty());
        }
        SecretReference named = SecretNames.bind(spec.alias());
        IdpSpec withReference = spec.withDirectory(Optional.of(new de.dvc.iam.config.model.DirectorySpec(directory.settings(),
                directory.caCertificatesFile(), Optional.of(named.reference()), directory.testLogin())));
        return new ExportedIdp(withReference, Optional.of(named), Optional.of(SecretNames.bindNote(named)), Optional.empty());
    }

    private static String header(String source, Ownership ownership) {
        return "Exported from " + source + (ownership.owned() ? "" : "; on the server " + ownership.label()
                + ", not owned by dvc-config: apply leaves it alone while these files describe it as it is") + ".";
    }
}
