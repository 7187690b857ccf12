package de.dvc.iam.config.csv;

import de.dvc.iam.config.Problem;
import de.dvc.iam.config.validate.FederationFiles;
import de.dvc.iam.config.validate.Tree;
import de.dvc.iam.config.validate.ValidationReport;
import de.dvc.iam.config.yaml.Where;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class CsvImportTest {

    private static final Path FIXTURE = Path.of(System.getProperty("dvc.repository.root", ".."), "fixtures", "agencies.csv");
    private static final String HEADER = "id,name,short_name,level,state,ags,ars,domain\n";

    @TempDir
    Path root;

    private final CsvImport importer = new CsvImport(Tree.VALIDATOR);

    @Test
    void theNationalFixtureBecomesAValidTreeSplitByState() throws IOException {
        long start = System.nanoTime();
        CsvImport.Outcome outcome = importer.run(FIXTURE, root, Optional.empty(), false);
        long imported = System.nanoTime();
        ValidationReport again = Tree.VALIDATOR.validate(root);
        long validated = System.nanoTime();
        // measured, not asserted (a timed assertion fails on a busy machine; docs/federation-operators.md has the figures)
        System.out.printf("import-csv of %d rows: %.1f s; validate of the written tree: %.1f s%n", outcome.rows(),
                (imported - start) / 1e9, (validated - imported) / 1e9);

        assertThat(outcome.succeeded()).as(String.valueOf(outcome.problems())).isTrue();
        assertThat(outcome.rows()).isEqualTo(11_756);
        assertThat(outcome.written()).hasSize(11_756);
        assertThat(again.problems()).isEmpty();
        assertThat(again.federation().agencies()).hasSize(11_756);
        assertThat(FederationFiles.list(root.resolve("agencies/sh"))).hasSize(1_104 + 10 + 40); // municipalities, districts, state agencies of Schleswig-Holstein
        assertThat(Files.readString(root.resolve("agencies/sh/gemeinde-01001000.yaml"))).isEqualTo(
                "# yaml-language-server: $schema=" + Kind.AGENCY_SCHEMA_ID + "\n"
                        + "kind: Agency\n"
                        + "id: gemeinde-01001000\n"
                        + "name: \"Flensburg, Stadt\"\n"
                        + "level: municipal\n"
                        + "state: DE-SH\n"
                        + "keys:\n"
                        + "  ags: \"01001000\"\n"
                        + "  ars: \"010010000000\"\n"
                        + "domains:\n"
                        + "  - flensburg.sh.example\n");
        assertThat(root.resolve("agencies/bund/bund-bmi.yaml")).exists();

        CsvImport.Outcome repeated = importer.run(FIXTURE, root, Optional.empty(), false);
        assertThat(repeated.succeeded()).isTrue();
        assertThat(repeated.written()).isEmpty();
        assertThat(repeated.unchanged()).isEqualTo(11_756);
    }

    @Test
    void placeholderIdpsComeWithTheirMetadataFilesAndAreTakenBackWithAnInvalidTree() throws IOException {
        CsvImport.Outcome outcome = importer.run(FIXTURE, root, Optional.empty(), false, true, 3);

        assertThat(outcome.succeeded()).as(String.valueOf(outcome.report().map(ValidationReport::problems))).isTrue();
        assertThat(outcome.rows()).isEqualTo(3);
        ValidationReport report = Tree.VALIDATOR.validate(root);
        assertThat(report.problems()).isEmpty();
        assertThat(report.federation().agencies()).hasSize(3).allSatisfy(agency -> assertThat(agency.idps()).singleElement()
                .satisfies(idp -> {
                    assertThat(idp.alias()).isEqualTo(agency.id());
                    assertThat(idp.metadataFile()).contains(agency.id() + ".xml");
                    assertThat(idp.domains()).contains(agency.domains());
                }));
        Path metadata = outcome.written().stream().filter(p -> p.toString().endsWith(".xml")).findFirst().orElseThrow();
        assertThat(Files.readString(metadata)).contains("entityID=\"https://idp.", "/placeholder/", "no IdP answers here");
        assertThat(outcome.written()).hasSize(6);
        assertThat(importer.run(FIXTURE, root, Optional.empty(), false, true, 3).written()).as("a second run").isEmpty();

        Path other = root.resolve("other");
        Files.createDirectories(other.resolve("agencies"));
        Files.writeString(other.resolve("agencies/broken.yaml"), "kind: Agency\nid: broken\n");
        CsvImport.Outcome refused = importer.run(FIXTURE, other, Optional.empty(), false, true, 3);
        assertThat(refused.succeeded()).isFalse();
        try (var files = Files.walk(other)) {
            assertThat(files.filter(Files::isRegularFile).map(p -> other.relativize(p).toString())).containsExactly("agencies/broken.yaml");
        }
    }

    @Test
    void aBadRowWritesNothingAndNamesItsLine() throws IOException {
        Path csv = csv(HEADER
                + "gemeinde-01001000,\"Flensburg, Stadt\",,municipal,DE-SH,01001000,010010000000,flensburg.sh.example\n"
                + "gemeinde-01051001,Albersdorf,,municipal,DE-SH,01051001,010525175001,albersdorf.sh.example\n");

        CsvImport.Outcome outcome = importer.run(csv, root.resolve("out"), Optional.empty(), false);

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo("csv_invalid");
            assertThat(p.where()).isEqualTo(new Where(csv, 3, 1));
            assertThat(p.message()).contains("gemeinde-01051001").contains("ARS");
        });
        assertThat(root.resolve("out")).doesNotExist();
    }

    @Test
    void rowsThatWouldMakeTheTreeInvalidWriteNothing() throws IOException {
        Path csv = csv(HEADER + "bund-a,Amt A,,federal,,,,amt.bund.example\nbund-b,Amt B,,federal,,,,amt.bund.example\n");

        CsvImport.Outcome outcome = importer.run(csv, root.resolve("out"), Optional.empty(), false);

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.report().orElseThrow().problems()).extracting(Problem::code)
                .containsExactly("domain_taken", "domain_taken");
        assertThat(root.resolve("out")).doesNotExist();
    }

    @Test
    void existingFilesAreReplacedOnlyWhenAskedTo() throws IOException {
        Path csv = csv(HEADER + "bund-a,Amt A,,federal,,,,amt.bund.example\n");
        Path agencyFile = root.resolve("agencies/bund/bund-a.yaml");
        Files.createDirectories(agencyFile.getParent());
        Files.writeString(agencyFile, "kind: Agency\nid: bund-a\nname: Old name\nlevel: federal\n");

        CsvImport.Outcome refused = importer.run(csv, root, Optional.empty(), false);
        assertThat(refused.succeeded()).isFalse();
        assertThat(refused.problems()).extracting(Problem::code).containsExactly("file_exists");
        assertThat(Files.readString(agencyFile)).contains("Old name");

        CsvImport.Outcome replaced = importer.run(csv, root, Optional.empty(), true);
        assertThat(replaced.succeeded()).isTrue();
        assertThat(replaced.written()).containsExactly(agencyFile);
        assertThat(Files.readString(agencyFile)).contains("name: Amt A");
    }

    @Test
    void theSchemaLineIsRelativeWhereTheSchemaDirectoryIsKnown() throws IOException {
        Path csv = csv(HEADER + "bund-a,Amt A,,federal,,,,amt.bund.example\n");
        Path schemaDir = root.resolve("repo/federation-config/schema");

        assertThat(importer.run(csv, root.resolve("federation"), Optional.of(schemaDir), false).succeeded()).isTrue();

        assertThat(Files.readString(root.resolve("federation/agencies/bund/bund-a.yaml")))
                .startsWith("# yaml-language-server: $schema=../../../repo/federation-config/schema/agency.schema.json\n");
    }

    private Path csv(String content) throws IOException {
        Path csv = root.resolve("agencies.csv");
        Files.writeString(csv, content, StandardCharsets.UTF_8);
        return csv;
    }

    /** The schema id as the files name it without a schema directory. */
    private static final class Kind {
        static final String AGENCY_SCHEMA_ID = de.dvc.iam.config.model.Kind.AGENCY.schemaId();
    }
}
