package de.dvc.iam.config.validate;

import de.dvc.iam.config.Problem;
import de.dvc.iam.config.model.DirectorySpec;
import de.dvc.iam.config.model.IdpSpec;
import de.dvc.iam.config.model.Origin;
import de.dvc.iam.core.directory.DirectoryProfile;
import de.dvc.iam.core.directory.DirectorySettings;
import de.dvc.iam.core.onboarding.RequestProblems;
import de.dvc.iam.core.profile.AttributeProfiles;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An agency directory's rules (issue 14): its settings as iam-core's {@link DirectorySettings#parse} judges them, the same
 * rules and messages as the registration API's, each problem at its member of {@code directory:}; the CA certificates
 * from a file inside the federation directory where it names one; {@code insecureForTests} only for a host of the
 * settings' {@code insecureHosts}; an IdP profile for directories that matches the directory's kind. The bind secret is
 * only named here (the schema and {@link SecretValues} see that it is a reference), so a stand-in takes its place for
 * the check. Stateless.
 */
final class DirectoryRules {

    /** Larger than ten CA certificates need: a file this large is something else. */
    static final int MAX_PEM_BYTES = 64 * 1024;
    /** Stands in for the bind secret the files only name: DirectorySettings wants one. */
    private static final String NAMED_SECRET = "named-by-reference";

    private DirectoryRules() {
    }

    static void check(IdpSpec idp, RuleContext context, List<Problem> out) {
        if (idp.directory().isEmpty()) {
            return; // the schema requires it
        }
        DirectorySpec directory = idp.directory().get();
        Origin at = idp.origin().member("directory");
        idp.maxAssurance().filter(level -> level != de.dvc.iam.core.assurance.AssuranceLevel.NORMAL).ifPresent(level ->
                out.add(Problem.warning("directory_assurance_above_normal", idp.origin().at("maxAssurance"), "A directory login is a "
                        + "password login and reports no acr; maxAssurance " + level.code() + " lets its tokens claim " + level.code()
                        + " (the registration API refuses this: only an operator's files set it).",
                        "maxAssurance: normal, unless the agency's password policy and network justify more")));
        Map<String, Object> settings = new LinkedHashMap<>(directory.settings());
        Optional<String> pem = caCertificates(directory, idp, context, out);
        if (directory.caCertificatesFile().isPresent() && pem.isEmpty()) {
            return; // said why; the settings would only add "give the CA certificates"
        }
        pem.ifPresent(p -> settings.put("caCertificates", p));
        settings.put("bindSecret", NAMED_SECRET);
        try {
            DirectorySettings parsed = DirectorySettings.parse(settings);
            profileMatches(idp, parsed.profile(), out);
        } catch (RequestProblems.Invalid e) {
            e.fields().forEach((field, message) -> out.add(Problem.error("directory_" + snake(field), where(at, directory, field),
                    message, expected(field))));
        }
        if (Boolean.TRUE.equals(settings.get("insecureForTests")) && settings.get("url") instanceof String url) {
            String host = host(url);
            if (!context.settings().insecureHosts().contains(host)) {
                out.add(Problem.error("directory_insecure", at.at("insecureForTests"), "insecureForTests lets DVC send passwords "
                        + "to " + host + " in clear text; " + host + " is none of the settings' insecureHosts.",
                        "ldaps:// or startTls: true; insecureForTests only for a demo or test host listed in insecureHosts"));
            } else {
                out.add(Problem.warning("directory_insecure_allowed", at.at("insecureForTests"), "Passwords go to " + host
                        + " in clear text, accepted only because it is one of the settings' insecureHosts.", "ldaps:// in production"));
            }
        }
    }

    /** An IdP of a directory reads a directory profile, and the one of its kind (the server refuses logins otherwise). */
    static void profileMatches(IdpSpec idp, DirectoryProfile kind, List<Problem> out) {
        String wanted = kind.contractProfile().name();
        if (directoryProfile(idp.profile()) && !wanted.equals(idp.profile())) {
            out.add(Problem.error("directory_profile_mismatch", idp.origin().at("profile"), "The directory is "
                    + kind.code() + ", so its logins read the profile " + wanted + ", not '" + idp.profile() + "'.",
                    "profile: " + wanted + " (or the directory's profile that fits " + idp.profile() + ")"));
        }
    }

    /** @return the PEM of {@code caCertificatesFile}, if it names one that can be read */
    private static Optional<String> caCertificates(DirectorySpec directory, IdpSpec idp, RuleContext context, List<Problem> out) {
        if (directory.caCertificatesFile().isEmpty()) {
            return Optional.empty();
        }
        var where = idp.origin().member("directory").at("caCertificatesFile");
        if (directory.settings().containsKey("caCertificates")) {
            out.add(Problem.error("directory_ca_twice", where, "The directory names its CA certificates twice: caCertificates "
                    + "and caCertificatesFile.", "one of them"));
            return Optional.empty();
        }
        String named = directory.caCertificatesFile().get();
        try {
            Path file = resolve(idp, named);
            if (Path.of(named).isAbsolute() || !file.startsWith(context.root().toAbsolutePath().normalize())
                    || Files.exists(file) && !file.toRealPath().startsWith(context.root().toRealPath())) {
                out.add(Problem.error("directory_ca_file_outside", where, "The CA file '" + Urls.abbreviate(named)
                        + "' lies outside the federation directory.", "a path relative to this YAML file, inside the federation directory"));
                return Optional.empty();
            }
            if (!Files.isRegularFile(file)) {
                out.add(Problem.error("directory_ca_file_missing", where, "The CA file '" + Urls.abbreviate(named) + "' does not exist.",
                        "a PEM file relative to this YAML file, e.g. certificates/" + idp.alias() + "-ca.pem"));
                return Optional.empty();
            }
            if (Files.size(file) > MAX_PEM_BYTES) {
                out.add(Problem.error("directory_ca_file_too_large", where, "The CA file has " + Files.size(file) + " bytes.",
                        "at most " + MAX_PEM_BYTES + " bytes: the CA certificates that issued the directory's certificate"));
                return Optional.empty();
            }
            return Optional.of(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException | RuntimeException e) {
            out.add(Problem.error("directory_ca_file_unreadable", where, "The CA file cannot be read (" + e.getClass().getSimpleName()
                    + ").", "a readable PEM file"));
            return Optional.empty();
        }
    }

    /** The file {@code named}, relative to the agency file that names it. */
    static Path resolve(IdpSpec idp, String named) {
        return idp.origin().document().file().toAbsolutePath().getParent().resolve(named).normalize();
    }

    private static de.dvc.iam.config.yaml.Where where(Origin at, DirectorySpec directory, String field) {
        if ("caCertificates".equals(field) && directory.caCertificatesFile().isPresent()) {
            return at.at("caCertificatesFile");
        }
        return directory.settings().containsKey(field) ? at.at(field) : at.here();
    }

    private static String expected(String field) {
        return switch (field) {
            case "url" -> "ldaps://host:636, or ldap://host:389 with startTls: true";
            case "caCertificates" -> "the CA certificate(s) in PEM, as a block (caCertificates: |) or a file (caCertificatesFile)";
            case "bindDn", "baseDn" -> "a DN (RFC 4514), e.g. OU=Benutzer,DC=agency,DC=example";
            case "userFilter" -> "an LDAP filter (RFC 4515), e.g. (&(objectClass=user)(objectCategory=person))";
            case "loginAttribute" -> "userPrincipalName, mail or sAMAccountName (active-directory); mail or uid (inet-org-person)";
            case "profile" -> "active-directory or inet-org-person";
            case "groupRoles" -> "group DN or common name: DVC role, e.g. GG-Bauamt: Sachbearbeitung";
            case "poolSize" -> "1 to " + DirectorySettings.MAX_POOL_SIZE;
            default -> field.endsWith("TimeoutMillis") ? "milliseconds, " + DirectorySettings.MIN_TIMEOUT.toMillis() + " to "
                    + DirectorySettings.MAX_OPERATION_TIMEOUT.toMillis() : "what docs/federation-operators.md, Agency directories, says";
        };
    }

    private static String snake(String field) {
        return field.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    }

    private static String host(String url) {
        try {
            String host = URI.create(url.strip()).getHost();
            return host == null ? url : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return url;
        }
    }

    /** Whether {@code profile} is one of the directory profiles (ldap-ad, ldap-inetorgperson). */
    static boolean directoryProfile(String profile) {
        return AttributeProfiles.DIRECTORY.stream().anyMatch(p -> p.name().equals(profile));
    }
}
