package de.dvc.iam.core.registration;

import de.dvc.iam.core.agency.AgencyCsv;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DomainClaimIndexTest {

    private static final Map<String, List<String>> FEDERATION = new LinkedHashMap<>();

    static {
        FEDERATION.put("bund-bmi", List.of("bmi.bund.example"));
        FEDERATION.put("bund-bmf", List.of("bmf.bund.example"));
        FEDERATION.put("bund-bmi-copy", List.of("bmi.bund.example"));
        FEDERATION.put("bund", List.of("bund.example"));
        FEDERATION.put("it-bmf", List.of("it.bmf.bund.example"));
        FEDERATION.put("lookalike", List.of(IDN.toASCII("bm\u0131.bund.example")));
        FEDERATION.put("suffix", List.of("co.uk"));
        FEDERATION.put("berlin-senfin", List.of("senfin.berlin.example", "finanzen.berlin.example"));
    }

    @Test
    void findsWhatDomainClaimsFindsAgainstEveryOtherAgency() {
        DomainClaimIndex index = DomainClaimIndex.of(FEDERATION);

        for (String agency : FEDERATION.keySet()) {
            List<String> others = new ArrayList<>();
            FEDERATION.forEach((other, domains) -> {
                if (!other.equals(agency)) {
                    others.addAll(domains);
                }
            });
            assertThat(index.check(agency)).as(agency).isEqualTo(DomainClaims.check(FEDERATION.get(agency), others));
        }
        assertThat(index.check("bund-bmi")).extracting(Finding::code).contains("domain_taken");
        assertThat(index.check("bund")).extracting(Finding::code).containsExactly("domain_overlaps");
        assertThat(index.check("it-bmf")).extracting(Finding::code).containsExactly("domain_overlaps");
        assertThat(index.check("lookalike")).extracting(Finding::code).contains("domain_homograph");
        assertThat(index.check("suffix")).extracting(Finding::code).containsExactly("domain_public_suffix");
        assertThat(index.check("berlin-senfin")).as("siblings under one parent do not overlap").isEmpty();
        assertThat(index.checkEach("bund")).containsOnlyKeys("bund.example");
        assertThat(DomainClaimIndex.of(Map.of("a", List.of("ok.example", "de"))).checkEach("a"))
                .as("each domain's own findings").containsOnlyKeys("de");
    }

    @Test
    void theNationalFixturesDomainsAreEachOneAgencys() throws IOException {
        Map<String, List<String>> domains = new LinkedHashMap<>();
        try (Reader reader = Files.newBufferedReader(Path.of("../fixtures/agencies.csv"), StandardCharsets.UTF_8)) {
            AgencyCsv.read(reader).forEach(row -> domains.put(row.agency().id(), List.of(row.domain())));
        }
        DomainClaimIndex index = DomainClaimIndex.of(domains);

        assertThat(domains.keySet()).allSatisfy(agency -> assertThat(index.check(agency)).as(agency).isEmpty());
    }
}
