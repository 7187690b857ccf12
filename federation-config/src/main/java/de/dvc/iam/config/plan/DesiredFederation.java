package de.dvc.iam.config.plan;

import de.dvc.iam.config.model.AgencySpec;
import de.dvc.iam.config.model.DirectoryForm;
import de.dvc.iam.config.model.DirectorySpec;
import de.dvc.iam.config.model.Federation;
import de.dvc.iam.config.model.IdpSpec;
import de.dvc.iam.config.model.ServiceSpec;
import de.dvc.iam.config.model.SettingsSpec;
import de.dvc.iam.config.state.DesiredAgency;
import de.dvc.iam.config.state.DesiredIdp;
import de.dvc.iam.config.state.DesiredService;
import de.dvc.iam.config.state.DesiredSettings;
import de.dvc.iam.core.roles.RoleHolders;
import de.dvc.iam.config.state.MetadataFile;
import de.dvc.iam.config.state.Secret;
import de.dvc.iam.config.state.Secrets;
import de.dvc.iam.core.email.EmailAddress;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The objects a valid federation wants on the server, with every default made explicit (so that they compare
 * with what the server holds, where nothing is implicit): an IdP's domains (its agency's where it names none, in
 * the ASCII form the server keeps), maximum assurance and acr table; a service's required assurance and access
 * policy; a directory's settings. Secrets are resolved where possible, metadata and CA files read. Immutable.
 */
public record DesiredFederation(String realm, List<DesiredAgency> agencies, List<DesiredIdp> idps,
                                List<DesiredService> services, Optional<DesiredSettings> settings) {

    public DesiredFederation {
        java.util.Objects.requireNonNull(settings, "settings");
        agencies = List.copyOf(agencies);
        idps = List.copyOf(idps);
        services = List.copyOf(services);
    }

    /**
     * @param federation files that passed {@code validate}
     * @throws UncheckedIOException if a metadata file cannot be read (validate has seen it, so only if it went away)
     */
    public static DesiredFederation of(Federation federation, Secrets secrets) {
        SettingsSpec settings = federation.settings();
        List<DesiredAgency> agencies = new ArrayList<>();
        List<DesiredIdp> idps = new ArrayList<>();
        for (AgencySpec agency : federation.agencies()) {
            agencies.add(new DesiredAgency(agency));
            for (IdpSpec idp : agency.idps()) {
                idps.add(new DesiredIdp(explicit(idp, agency, settings), agency.id(),
                        idp.secretReference().map(r -> Secret.resolve(r, secrets)), idp.metadataFile().map(f -> read(idp, f))));
            }
        }
        List<DesiredService> services = federation.services().stream().map(s -> new DesiredService(explicit(s, settings),
                s.clientSecret().map(r -> Secret.resolve(r, secrets)))).toList();
        return new DesiredFederation(settings.realm(), agencies, idps, services, realmSettings(settings));
    }

    /**
     * The settings' role holders and refresh policy; none without a settings file, or with one that names no roles
     * (nobody holds one) and no refresh (the server options decide).
     */
    static Optional<DesiredSettings> realmSettings(SettingsSpec settings) {
        List<RoleHolders.Holder> holders = new ArrayList<>();
        settings.operators().forEach(p -> holders.add(new RoleHolders.Holder(RoleHolders.Role.OPERATOR, Optional.empty(), p.idp(),
                p.email(), p.subject())));
        settings.agencyAdmins().forEach(a -> holders.add(new RoleHolders.Holder(RoleHolders.Role.AGENCY_ADMIN, Optional.of(a.agency()),
                a.person().idp(), a.person().email(), a.person().subject())));
        return holders.isEmpty() && settings.refresh().isEmpty() ? Optional.empty()
                : Optional.of(new DesiredSettings(new RoleHolders(holders), settings.refresh()));
    }

    static IdpSpec explicit(IdpSpec idp, AgencySpec agency, SettingsSpec settings) {
        List<String> domains = idp.domains().orElse(agency.domains()).stream().map(DesiredFederation::ascii).toList();
        Map<String, de.dvc.iam.core.assurance.AssuranceLevel> table = idp.acrTable()
                .orElse(settings.acrTables().getOrDefault(idp.protocol(), Map.of()));
        return new IdpSpec(idp.alias(), idp.displayName(), idp.protocol(), idp.metadataUrl(), idp.metadataFile(), idp.entityId(),
                idp.issuer(), idp.clientId(), idp.clientSecret(), Optional.of(domains), idp.profile(), idp.profileOverrides(),
                Optional.of(idp.maximum(settings.defaultMaxAssurance())), Optional.of(table), idp.lifecycle(),
                idp.origin(), idp.directory().map(d -> explicit(idp, d)));
    }

    /** A directory with its CA file read into its settings, every setting explicit ({@link DirectoryForm}). */
    static DirectorySpec explicit(IdpSpec idp, DirectorySpec directory) {
        Map<String, Object> settings = new java.util.LinkedHashMap<>(directory.settings());
        directory.caCertificatesFile().ifPresent(file -> {
            Path path = idp.origin().document().file().toAbsolutePath().getParent().resolve(file).normalize();
            try {
                settings.put("caCertificates", Files.readString(path, StandardCharsets.US_ASCII));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the CA file " + path + " of IdP '" + idp.alias() + "'", e);
            }
        });
        return directory.withSettings(DirectoryForm.explicit(settings));
    }

    static ServiceSpec explicit(ServiceSpec s, SettingsSpec settings) {
        return new ServiceSpec(s.clientId(), s.name(), s.description(), s.ownerAgency(), s.ownerName(), s.contact(),
                s.confidential(), s.clientSecret(), s.flows(), s.redirectUris(), s.postLogoutRedirectUris(), s.baseUrl(),
                s.pkceRequired(), s.sector(), s.scopes(), s.claims(),
                Optional.of(s.requiredAssurance().orElse(settings.defaultRequiredAssurance())),
                s.accessPolicy().or(settings::defaultAccessPolicy), s.backchannelLogoutUri(), s.origin());
    }

    /** A domain as the server keeps it: lower-case ASCII (IDNA), or as written if it is none (validate said so). */
    public static String ascii(String domain) {
        return EmailAddress.asciiDomain(domain.strip()).orElse(domain.strip());
    }

    private static MetadataFile read(IdpSpec idp, String path) {
        Path file = idp.origin().document().file().toAbsolutePath().getParent().resolve(path).normalize();
        try {
            String xml = Files.readString(file, StandardCharsets.UTF_8);
            return new MetadataFile(path, xml, sha256(xml));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the metadata file " + file + " of IdP '" + idp.alias() + "'", e);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
