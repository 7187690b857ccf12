package de.dvc.iam.config.adopt;

import de.dvc.iam.config.export.Exporter;
import de.dvc.iam.config.export.IdpItem;
import de.dvc.iam.config.model.AgencySpec;
import de.dvc.iam.config.model.Federation;
import de.dvc.iam.config.model.IdpSpec;
import de.dvc.iam.config.model.SecretReference;
import de.dvc.iam.config.state.Adoption;
import de.dvc.iam.config.validate.FederationFiles;
import de.dvc.iam.config.validate.FederationValidator;
import de.dvc.iam.config.validate.SourceFile;
import de.dvc.iam.config.validate.ValidationReport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The federation files with an adopted registration's IdP in its agency's file: the IdP as export writes it, the
 * domains it proved added to the agency's, and the whole directory validated with that text before anything is
 * written. Stateless.
 */
public final class AdoptionFiles {

    private AdoptionFiles() {
    }

    /**
     * What adopt writes.
     *
     * @param file          the agency file
     * @param before        its text now
     * @param after         its text with the IdP; equal to {@code before} if the files describe the IdP already
     * @param addedDomains  the domains added to the agency's list
     * @param secretToSet   the client secret reference the operator must set before the next apply (OIDC)
     * @param report        the whole directory validated with {@code after}
     */
    public record Change(Path file, String before, String after, List<String> addedDomains,
                         Optional<SecretReference> secretToSet, ValidationReport report) {

        public Change {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(before, "before");
            Objects.requireNonNull(after, "after");
            addedDomains = List.copyOf(addedDomains);
            Objects.requireNonNull(secretToSet, "secretToSet");
            Objects.requireNonNull(report, "report");
        }

        /** Whether the files described the IdP already (an adopt cut off after writing them): nothing to write. */
        public boolean described() {
            return before.equals(after);
        }
    }

    /**
     * @param read    the directory's files, as read
     * @param current their validation report (valid)
     * @throws IllegalArgumentException if the files cannot take the IdP: its agency is not in them, another agency's
     *                                  file names its alias, or the agency file's lists cannot be added to (the reason)
     */
    public static Change change(Path root, FederationFiles.Read read, ValidationReport current, Adoption adoption,
                                FederationValidator validator) {
        Federation federation = current.federation();
        String alias = adoption.idp().name();
        AgencySpec agency = federation.agency(adoption.agency()).orElseThrow(() -> new IllegalArgumentException(
                "The registration belongs to agency '" + adoption.agency() + "', which no file in " + root + " describes: "
                        + "add its agency file first (dvc-config export of the server writes it)."));
        for (AgencySpec other : federation.agencies()) {
            if (!other.id().equals(agency.id()) && other.idps().stream().anyMatch(idp -> idp.alias().equals(alias))) {
                throw new IllegalArgumentException("Agency '" + other.id() + "' (" + other.origin().document().file()
                        + ") describes an IdP '" + alias + "', but the registration belongs to agency '" + agency.id() + "'.");
            }
        }
        Path file = agency.origin().document().file();
        SourceFile source = read.files().stream().filter(f -> f.path().equals(file)).findFirst().orElseThrow(() ->
                new IllegalStateException("the agency file " + file + " is not among the files read"));
        IdpSpec spec = adoption.spec();
        IdpItem item;
        try {
            item = Exporter.idpItem(spec);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The files cannot describe the registration's IdP: " + e.getMessage() + ".");
        }
        if (agency.idps().stream().anyMatch(idp -> idp.alias().equals(alias))) {
            return new Change(file, source.text(), source.text(), List.of(), item.secretToSet(), current);
        }
        Set<String> listed = agency.domains().stream().map(d -> d.strip().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        List<String> missing = adoption.domains().stream().filter(d -> !listed.contains(d.toLowerCase(Locale.ROOT))).toList();
        String after;
        try {
            after = AgencyFileEdit.addIdp(source.text(), agency.origin().document(), alias, item.yaml(), missing);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Cannot add the IdP to " + file + ": " + e.getMessage() + ".");
        }
        List<SourceFile> files = new ArrayList<>(read.files());
        files.replaceAll(f -> f.path().equals(file) ? new SourceFile(file, after) : f);
        ValidationReport report = validator.validate(root, files, read.problems());
        boolean added = report.federation().agency(agency.id()).stream().flatMap(a -> a.idps().stream()).anyMatch(i -> i.alias().equals(alias));
        if (report.valid() && !added) {
            throw new IllegalStateException("the edited " + file + " does not describe IdP " + alias + " (a bug of adopt)");
        }
        return new Change(file, source.text(), after, missing, item.secretToSet(), report);
    }
}
