package de.dvc.iam.core.discovery;

import de.dvc.iam.core.agency.AgencyCsv;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Matching and ranking over the real national fixture (11,756 agencies). */
class AgencyDirectoryTest {

    private static AgencyDirectory directory;

    @BeforeAll
    static void loadFixture() throws IOException {
        try (Reader reader = Files.newBufferedReader(Path.of("../fixtures/agencies.csv"), StandardCharsets.UTF_8)) {
            List<AgencyListing> listings = AgencyCsv.read(reader).stream()
                    .map(row -> new AgencyListing(row.agency(), List.of(row.agency().id()))).toList();
            directory = AgencyDirectory.of(listings);
        }
        assertThat(directory.size()).isEqualTo(11_756);
    }

    private static List<String> ids(String query) {
        return directory.search(query, 10).stream().map(l -> l.agency().id()).toList();
    }

    @ParameterizedTest(name = "''{0}'' finds {1} first")
    @CsvSource({
            "Flensburg, gemeinde-01001000",
            "flensburg, gemeinde-01001000",
            "FLENSBURG, gemeinde-01001000",
            "Lübeck, gemeinde-01003000",
            "Luebeck, gemeinde-01003000",
            "Lubeck, gemeinde-01003000",
            "Köln, gemeinde-05315000",
            "Koeln, gemeinde-05315000",
            "Koln, gemeinde-05315000",
            "Stadt Köln, gemeinde-05315000",
            "München, gemeinde-09162000",
            "Muenchen, gemeinde-09162000",
            "Munchen, gemeinde-09162000",
            "Landkreis München, kreis-09184",
            "Frankfurt am Main, gemeinde-06412000",
            "Frankfurt Main, gemeinde-06412000",
            "Frankf Main, gemeinde-06412000",
            "Frankf, gemeinde-12053000",
            "Gießen, gemeinde-06531005",
            "Giessen, gemeinde-06531005",
            "Baden-Baden, gemeinde-08211000",
            "Baden Baden, gemeinde-08211000",
            "BadenBaden, gemeinde-08211000",
            "01001000, gemeinde-01001000",
            "010010000000, gemeinde-01001000",
            "01051, kreis-01051",
            "BMI, bund-bmi",
            "bmi, bund-bmi",
            "Bundesministerium des Innern, bund-bmi",
            "Auswärtiges Amt, bund-aa",
            "Staatskanzlei Schleswig-Holstein, sh-staatskanzlei",
    })
    void findsTheAgencyFirst(String query, String expected) {
        assertThat(ids(query)).as("results for '%s'", query).first().isEqualTo(expected);
    }

    @Test
    void aDistrictKeyListsTheDistrictThenItsMunicipalities() {
        List<String> found = ids("01051");
        assertThat(found.get(0)).isEqualTo("kreis-01051");
        assertThat(found.subList(1, found.size())).allMatch(id -> id.startsWith("gemeinde-01051"));
    }

    @Test
    void everyWordMustMatch() {
        assertThat(ids("Flensburg Bayern")).isEmpty();
        assertThat(ids("Innern Bayern")).first().isEqualTo("by-ministerium-des-innern");
        assertThat(ids("Innern Bayern")).as("a prefix matches too: Innernzell").contains("gemeinde-09272128");
    }

    @Test
    void onlyDesignatorsStillSearch() {
        assertThat(ids("Stadt")).hasSize(10);
    }

    @Test
    void blankOddAndOverlongQueriesAreHarmless() {
        assertThat(ids("")).isEmpty();
        assertThat(ids("   ")).isEmpty();
        assertThat(ids("%$§&/()=?")).isEmpty();
        assertThat(ids("<script>alert(1)</script>")).isEmpty();
        assertThat(directory.search("Flensburg" + " x".repeat(10_000), 10)).isEmpty();
        assertThat(directory.search("a".repeat(100_000), 10)).isEmpty();
        assertThat(directory.search("Flensburg", 0)).isEmpty();
    }

    @Test
    void findsTheListingOfAnIdp() {
        assertThat(directory.byIdp("bund-bmi").agency().name()).isEqualTo("Bundesministerium des Innern");
        assertThat(directory.byIdp("nope")).isNull();
    }

    @Test
    void aChangeToAFewAgenciesReplacesOnlyThemAndSearchesLikeAFullRebuild() {
        AgencyListing flensburg = directory.byIdp("gemeinde-01001000");
        de.dvc.iam.core.agency.Agency renamed = de.dvc.iam.core.agency.Agency.builder("gemeinde-01001000", "Fördestadt Flensburg",
                flensburg.agency().level()).build();
        AgencyListing added = new AgencyListing(de.dvc.iam.core.agency.Agency.builder("it-neue-behoerde", "Neue Zollbehörde Testhausen",
                de.dvc.iam.core.agency.AgencyLevel.FEDERAL).build(), List.of("neue-saml", "neue-oidc"));

        AgencyDirectory changed = directory.replacing(java.util.Set.of("gemeinde-01003000"),
                List.of(new AgencyListing(renamed, List.of("flensburg-neu")), added));

        assertThat(changed.size()).isEqualTo(directory.size()); // Lübeck left, one agency joined
        assertThat(changed.byIdp("gemeinde-01003000")).as("Lübeck left").isNull();
        assertThat(changed.byIdp("gemeinde-01001000")).as("the old IdP of Flensburg is gone").isNull();
        assertThat(changed.byIdp("flensburg-neu").agency().name()).isEqualTo("Fördestadt Flensburg");
        assertThat(changed.byIdp("neue-oidc").agency().id()).isEqualTo("it-neue-behoerde");
        assertThat(changed.search("Zollbehörde Testhausen", 3)).extracting(l -> l.agency().id()).containsExactly("it-neue-behoerde");
        assertThat(changed.search("Fördestadt", 3)).extracting(l -> l.agency().id()).containsExactly("gemeinde-01001000");
        assertThat(changed.search("Lübeck", 10)).extracting(l -> l.agency().id()).doesNotContain("gemeinde-01003000");
        assertThat(directory.search("Lübeck", 1)).as("the directory itself is unchanged (immutable)")
                .extracting(l -> l.agency().id()).containsExactly("gemeinde-01003000");
        AgencyDirectory rebuilt = AgencyDirectory.of(changed.listings());
        for (String query : List.of("Flensburg", "München", "Landkreis", "Frankf Main", "BMI", "Neue", "09162000", "Stadt")) {
            assertThat(changed.search(query, 10)).as(query).isEqualTo(rebuilt.search(query, 10));
        }
    }
}
