package de.dvc.iam.config.validate;

import de.dvc.iam.config.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static de.dvc.iam.config.validate.Tree.at;
import static org.assertj.core.api.Assertions.assertThat;

/** Metadata files checked by iam-core's SamlMetadataValidator, its findings placed at the file's line. */
class SamlMetadataFilesTest {

    @TempDir
    Path root;

    private Tree withMetadataFile(String file, String entityIdLine) {
        return Tree.valid(root).file("agencies/be/berlin-senfin.yaml",
                "kind: Agency",
                "id: berlin-senfin",
                "name: Senatsverwaltung für Finanzen Berlin",
                "level: state",
                "state: DE-BE",
                "domains: [senfin.berlin.example]",
                "idps:",
                "  - alias: berlin-senfin",
                "    protocol: saml",
                "    metadataFile: " + file,
                "    profile: saml-oid",
                entityIdLine);
    }

    @Test
    void aGoodMetadataFileIsValidAndItsEntityIdCounts() {
        Tree tree = withMetadataFile("metadata/berlin-senfin.xml", "")
                .bytes("agencies/be/metadata/berlin-senfin.xml", TestMetadata.idp("https://idp.senfin.berlin.example/adfs", 3072))
                .file("agencies/be/senfin-neu.yaml",
                        "kind: Agency",
                        "id: senfin-neu",
                        "name: SenFin neu",
                        "level: state",
                        "state: DE-BE",
                        "idps:",
                        "  - alias: senfin-neu",
                        "    protocol: saml",
                        "    metadataUrl: https://neu.senfin.berlin.example/metadata",
                        "    entityId: https://idp.senfin.berlin.example/adfs",
                        "    profile: adfs");

        assertThat(tree.validate().problems()).extracting(Problem::code)
                .containsExactlyInAnyOrder("duplicate_entity_id", "agency_without_domains");
        at(tree.only("duplicate_entity_id"), tree, "agencies/be/senfin-neu.yaml", 10, 15);
    }

    @Test
    void aWeakKeyIsAnErrorPerBsiTr02102() {
        Tree tree = withMetadataFile("berlin-senfin.xml", "")
                .bytes("agencies/be/berlin-senfin.xml", TestMetadata.idp("https://idp.senfin.berlin.example/adfs", 1024));

        Problem weak = tree.only("key_too_weak");
        at(weak, tree, "agencies/be/berlin-senfin.yaml", 10, 19);
        assertThat(weak.message()).startsWith("Metadata file berlin-senfin.xml: ").contains("1024 bits");
    }

    @Test
    void rsa2048IsAWarning() {
        Tree tree = withMetadataFile("berlin-senfin.xml", "")
                .bytes("agencies/be/berlin-senfin.xml", TestMetadata.idp("https://idp.senfin.berlin.example/adfs", 2048));

        assertThat(tree.only("key_rsa_2048").severity()).isEqualTo(Problem.Severity.WARNING);
        assertThat(tree.validate().valid()).isTrue();
    }

    @Test
    void aDeclaredEntityIdMustBeTheFiles() {
        Tree tree = withMetadataFile("berlin-senfin.xml", "    entityId: https://other.example/idp")
                .bytes("agencies/be/berlin-senfin.xml", TestMetadata.idp("https://idp.senfin.berlin.example/adfs", 3072));

        Problem mismatch = tree.only("entity_id_mismatch");
        at(mismatch, tree, "agencies/be/berlin-senfin.yaml", 12, 15);
        assertThat(mismatch.expected()).contains("https://idp.senfin.berlin.example/adfs");
    }

    @Test
    void theFileMustExistInsideTheFederationDirectory() {
        at(withMetadataFile("../../../../etc/passwd", "").only("metadata_file_outside"), new Tree(root),
                "agencies/be/berlin-senfin.yaml", 10, 19);
        at(withMetadataFile("/etc/passwd", "").only("metadata_file_outside"), new Tree(root),
                "agencies/be/berlin-senfin.yaml", 10, 19);
        at(withMetadataFile("missing.xml", "").only("metadata_file_missing"), new Tree(root),
                "agencies/be/berlin-senfin.yaml", 10, 19);
    }

    @Test
    void metadataThatIsNoMetadataIsReported() {
        Tree tree = withMetadataFile("berlin-senfin.xml", "")
                .bytes("agencies/be/berlin-senfin.xml", "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));

        at(tree.only("xml_doctype"), tree, "agencies/be/berlin-senfin.yaml", 10, 19);
    }
}
