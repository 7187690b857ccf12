package de.dvc.iam.config.yaml;

import de.dvc.iam.config.Problem;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class YamlReaderTest {

    private static final Path FILE = Path.of("agencies/be/berlin-senfin.yaml");

    private static YamlDocument read(String text) {
        YamlReader.Result result = YamlReader.read(FILE, text);
        assertThat(result.problem()).isEmpty();
        return result.document().orElseThrow();
    }

    private static Problem refused(String text) {
        YamlReader.Result result = YamlReader.read(FILE, text);
        assertThat(result.document()).isEmpty();
        return result.problem().orElseThrow();
    }

    @Test
    void knowsWhereEveryKeyAndValueIs() {
        YamlDocument document = read("kind: Agency\nidps:\n  - alias: berlin-senfin\n    acrTable:\n      urn:x/y: normal\n");

        assertThat(document.at("/kind")).isEqualTo(new Where(FILE, 1, 7));
        assertThat(document.keyAt("/idps")).isEqualTo(new Where(FILE, 2, 1));
        assertThat(document.at("/idps/0/alias")).isEqualTo(new Where(FILE, 3, 12));
        assertThat(document.keyAt("/idps/0/alias")).isEqualTo(new Where(FILE, 3, 5));
        assertThat(document.at("/idps/0/acrTable/urn:x~1y")).as("a key with a slash, escaped (RFC 6901)")
                .isEqualTo(new Where(FILE, 5, 16));
        assertThat(document.at("/idps/0/missing")).as("the nearest existing parent").isEqualTo(new Where(FILE, 3, 5));
    }

    @Test
    void keepsDigitsAndYamlOneOneBooleansAsStrings() {
        YamlDocument document = read("ags: 01001000\nflag: no\nn: 3600\n");

        assertThat(document.root().path("ags").isString()).isTrue();
        assertThat(document.root().path("ags").asString()).isEqualTo("01001000");
        assertThat(document.root().path("flag").asString()).isEqualTo("no");
        assertThat(document.root().path("n").isIntegralNumber()).isTrue();
    }

    @Test
    void refusesDuplicateKeysNamingBoth() {
        Problem problem = refused("kind: Agency\nid: a\nid: b\n");

        assertThat(problem.code()).isEqualTo("yaml_duplicate_key");
        assertThat(problem.where()).isEqualTo(new Where(FILE, 3, 1));
        assertThat(problem.message()).contains("'id'").contains("line 2");
    }

    @Test
    void refusesAnchorsAndAliases() {
        Problem problem = refused("kind: Agency\ndomains: &d [a.example]\nidps:\n  - domains: *d\n");

        assertThat(problem.code()).isEqualTo("yaml_anchor");
        assertThat(problem.where().line()).isEqualTo(2);
    }

    @Test
    void refusesASecondDocument() {
        Problem problem = refused("kind: Agency\nid: a\n---\nkind: Agency\nid: b\n");

        assertThat(problem.code()).isEqualTo("yaml_second_document");
        assertThat(problem.where().line()).isEqualTo(4);
    }

    @Test
    void placesSyntaxErrorsWhereTheParserStopped() {
        Problem tab = refused("kind: Agency\nkeys:\n\tags: \"01001000\"\n");
        assertThat(tab.code()).isEqualTo("yaml_syntax");
        assertThat(tab.where()).isEqualTo(new Where(FILE, 3, 1));
        assertThat(tab.message()).contains("TAB");

        Problem indentation = refused("kind: Agency\nid: x\n  name: broken\n");
        assertThat(indentation.where()).isEqualTo(new Where(FILE, 3, 7));
        assertThat(indentation.expected()).isNotBlank();
    }

    @Test
    void refusesEmptyAndOversizedFiles() {
        assertThat(refused("").code()).isEqualTo("file_empty");
        assertThat(refused("# only a comment\n").code()).isEqualTo("file_empty");
        assertThat(refused("a: " + "x".repeat(YamlReader.MAX_CHARS)).code()).isEqualTo("file_too_large");
    }

    @Test
    void theWriterWritesWhatTheReaderReadsBack() {
        String[] values = {"Flensburg, Stadt", "01001000", "no", "Null", "Bautzen / Budyšin, Stadt", "a: b", "#x", "- x",
                "Say \"hi\"", "tab\there", "trailing ", "", "Bundesministerium für Forschung, Technologie und Raumfahrt",
                "100%", "@home", "x #y", "1.5", "line\nbreak", "back\\slash", "\u0007bell"};
        for (String value : values) {
            YamlDocument document = read("value: " + YamlText.scalar(value) + "\n");
            assertThat(document.root().path("value").isString()).as(value).isTrue();
            assertThat(document.root().path("value").asString()).as(value).isEqualTo(value);
        }
        assertThat(YamlText.scalar("Senatsverwaltung für Finanzen Berlin")).as("plain where unambiguous")
                .isEqualTo("Senatsverwaltung für Finanzen Berlin");
        assertThat(YamlText.scalar("01001000")).isEqualTo("\"01001000\"");
    }
}
