package de.dvc.iam.config.cli;

import de.dvc.iam.config.validate.Tree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line: output and exit codes (0 valid, 1 invalid input, 2 usage error). */
class DvcConfigTest {

    @TempDir
    Path root;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return DvcConfig.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void aValidTreeExitsWithZero() {
        Tree.valid(root);

        assertThat(run("validate", root.toString())).isEqualTo(0);
        assertThat(out.toString()).contains("5 files: 3 agencies (2 IdPs), 1 service, settings; valid, 0 warnings");
    }

    @Test
    void anInvalidTreeExitsWithOneAndPrintsEachProblemOnItsLine() {
        Tree.valid(root).file("agencies/sh/gemeinde-01051001.yaml",
                "kind: Agency",
                "id: gemeinde-01051001",
                "name: Albersdorf",
                "level: municipal",
                "state: DE-BE",
                "keys:",
                "  ags: \"01051001\"");

        assertThat(run("validate", root.toString())).isEqualTo(1);
        assertThat(out.toString()).contains(root.resolve("agencies/sh/gemeinde-01051001.yaml") + ":7:8: error "
                + "[ags_state_mismatch] The AGS '01051001' lies in Schleswig-Holstein (01, DE-SH)");
        assertThat(out.toString()).contains("INVALID: 1 error");
    }

    @Test
    void jsonIsOneDocumentForPrograms() {
        Tree.valid(root).file("kind.yaml", "kind: Agencies");

        assertThat(run("validate", "--format", "json", root.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("\"valid\" : false").contains("\"code\" : \"kind_unknown\"")
                .contains("\"line\" : 1").contains("\"column\" : 7");
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(run("validate", root.resolve("missing").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("No directory");
        assertThat(run("validate", "--format", "xml", root.toString())).isEqualTo(2);
        assertThat(run("plan", root.toString())).as("plan without --server").isEqualTo(2);
        assertThat(run()).isEqualTo(2);
    }

    @Test
    void importCsvExitsWithOneAndWritesNothingForABadCsv() throws Exception {
        Path csv = root.resolve("agencies.csv");
        java.nio.file.Files.writeString(csv, "id,name\n");

        assertThat(run("import-csv", csv.toString(), root.resolve("out").toString())).isEqualTo(1);
        assertThat(out.toString()).contains("csv_invalid").contains("nothing written");
        assertThat(root.resolve("out")).doesNotExist();
    }
}
