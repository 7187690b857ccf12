package de.dvc.iam.core.agency;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgencyCsvTest {

    private static final String HEADER = "id,name,short_name,level,state,ags,ars,domain\n";

    @Test
    void theNationalFixturePassesEveryKeyRule() throws IOException {
        try (Reader reader = Files.newBufferedReader(Path.of("../fixtures/agencies.csv"), StandardCharsets.UTF_8)) {
            List<AgencyCsv.Row> rows = AgencyCsv.read(reader);

            assertThat(rows).hasSize(11_756);
            assertThat(rows).filteredOn(r -> r.agency().ars().isPresent()).hasSize(10_751);
        }
    }

    @Test
    void aRowWhoseKeysDisagreeFailsWithItsLine() {
        String csv = HEADER + "gemeinde-01001000,\"Flensburg, Stadt\",,municipal,DE-SH,01001000,010010000000,flensburg.example\n"
                + "gemeinde-01051001,Albersdorf,,municipal,DE-BE,01051001,010515175001,albersdorf.example\n";

        assertThatThrownBy(() -> AgencyCsv.read(new StringReader(csv)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Line 3: Agency 'gemeinde-01051001'")
                .hasMessageContaining("Schleswig-Holstein")
                .hasMessageContaining("Expected: a key starting with 11");
    }

    @Test
    void aFederalAgencyWithAnAgsFails() {
        String csv = HEADER + "bund-x,Bundesamt X,,federal,,01001000,,x.bund.example\n";

        assertThatThrownBy(() -> AgencyCsv.read(new StringReader(csv)))
                .hasMessageStartingWith("Line 2:").hasMessageContaining("level municipal");
    }
}
