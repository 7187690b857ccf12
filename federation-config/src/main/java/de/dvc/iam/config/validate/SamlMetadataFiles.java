package de.dvc.iam.config.validate;

import de.dvc.iam.config.Problem;
import de.dvc.iam.config.model.IdpSpec;
import de.dvc.iam.config.yaml.Where;
import de.dvc.iam.core.profile.AttributeProfile;
import de.dvc.iam.core.registration.Finding;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A SAML IdP's metadata file, checked by iam-core's {@link de.dvc.iam.core.registration.SamlMetadataValidator} as the
 * registration API checks submitted metadata ({@link MetadataChecks}, which may remember an earlier check of the same
 * bytes): secure parsing, the OASIS schema, entityID, validUntil, HTTPS endpoints, certificates and their keys per
 * BSI TR-02102-1. Its findings become problems at the file's line in the YAML. The file must lie
 * inside the federation directory (a review sees it; no file of the machine is read by accident). Stateless.
 */
final class SamlMetadataFiles {

    /** As the registration API: larger metadata is refused. */
    static final int MAX_BYTES = 1 << 20;

    private SamlMetadataFiles() {
    }

    static Optional<String> check(IdpSpec idp, AttributeProfile profile, RuleContext context, List<Problem> out) {
        Where where = idp.origin().at("metadataFile");
        String named = idp.metadataFile().orElseThrow();
        Path yamlDirectory = idp.origin().document().file().toAbsolutePath().getParent();
        Path file = yamlDirectory.resolve(named).normalize();
        if (Path.of(named).isAbsolute() || !file.startsWith(context.root().toAbsolutePath().normalize())) {
            out.add(Problem.error("metadata_file_outside", where, "The metadata file '" + Urls.abbreviate(named)
                    + "' lies outside the federation directory.", "a path relative to this YAML file, inside the federation directory"));
            return idp.entityId();
        }
        byte[] xml;
        try {
            if (!Files.isRegularFile(file)) {
                out.add(Problem.error("metadata_file_missing", where, "The metadata file '" + Urls.abbreviate(named)
                        + "' does not exist.", "a file relative to this YAML file, e.g. metadata/" + idp.alias() + ".xml"));
                return idp.entityId();
            }
            if (!file.toRealPath().startsWith(context.root().toRealPath())) {
                out.add(Problem.error("metadata_file_outside", where, "The metadata file '" + Urls.abbreviate(named)
                        + "' is a link to outside the federation directory.", "the file itself, inside the federation directory"));
                return idp.entityId();
            }
            if (Files.size(file) > MAX_BYTES) {
                out.add(Problem.error("metadata_file_too_large", where, "The metadata file has " + Files.size(file) + " bytes.",
                        "at most " + MAX_BYTES + " bytes: the IdP's EntityDescriptor, not an aggregate"));
                return idp.entityId();
            }
            xml = Files.readAllBytes(file);
        } catch (IOException e) {
            out.add(Problem.error("metadata_file_unreadable", where, "The metadata file cannot be read ("
                    + e.getClass().getSimpleName() + ").", "a readable file"));
            return idp.entityId();
        }
        MetadataChecks.Checked result = context.metadata().check(xml, profile, context.settings().insecureHosts(), context.now());
        String prefix = "Metadata file " + Urls.abbreviate(named) + ": ";
        for (Finding finding : result.findings()) {
            out.add(problem(finding, prefix, where));
        }
        if (result.entityIds().size() == 1 && idp.entityId().isPresent() && !idp.entityId().get().equals(result.entityIds().get(0))) {
            out.add(Problem.error("entity_id_mismatch", idp.origin().at("entityId"), "The entityId '" + Urls.abbreviate(idp.entityId().get())
                    + "' is not the metadata file's ('" + Urls.abbreviate(result.entityIds().get(0)) + "').",
                    "entityId: " + result.entityIds().get(0) + ", or no entityId (the file says it)"));
        }
        return result.entityIds().size() == 1 ? Optional.of(result.entityIds().get(0)) : idp.entityId();
    }

    private static Problem problem(Finding finding, String prefix, Where where) {
        return new Problem(finding.severity() == Finding.Severity.ERROR ? Problem.Severity.ERROR : Problem.Severity.WARNING,
                finding.code(), where, prefix + finding.message(), finding.fix());
    }
}
