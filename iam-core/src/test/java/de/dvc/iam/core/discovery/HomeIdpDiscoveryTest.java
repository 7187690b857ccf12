package de.dvc.iam.core.discovery;

import de.dvc.iam.core.agency.Agency;
import de.dvc.iam.core.agency.AgencyLevel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class HomeIdpDiscoveryTest {

    private static final AgencyListing SENFIN = new AgencyListing(
            Agency.of("berlin-senfin", "Senatsverwaltung für Finanzen Berlin", AgencyLevel.STATE, "DE-BE"), List.of("berlin-senfin"));
    private static final AgencyListing FLENSBURG = new AgencyListing(
            Agency.builder("gemeinde-01001000", "Flensburg, Stadt", AgencyLevel.MUNICIPAL).state("DE-SH").ags("01001000").build(),
            List.of("flensburg-adfs", "flensburg-entra"));
    private static final AgencyDirectory DIRECTORY = AgencyDirectory.of(List.of(SENFIN, FLENSBURG));

    private final HomeIdpDiscovery discovery = new HomeIdpDiscovery(new HomeIdpDiscovery.Agencies() {
        @Override
        public Optional<AgencyListing> byIdp(String alias) {
            return Optional.ofNullable(DIRECTORY.byIdp(alias));
        }

        @Override
        public List<String> idpsForDomain(String domain) {
            Map<String, List<String>> verified = Map.of("senfin.berlin.example", List.of("berlin-senfin"),
                    "flensburg.sh.example", List.of("flensburg-adfs", "flensburg-entra"));
            return EmailDomain.coveringDomains(domain).stream().filter(verified::containsKey)
                    .findFirst().map(verified::get).orElse(List.of());
        }

        @Override
        public List<AgencyListing> search(String query, int limit) {
            return DIRECTORY.search(query, limit);
        }
    });

    @Test
    void kcIdpHintOfAnAgencyIdpRedirects() {
        assertThat(discovery.arrive("berlin-senfin", null)).isEqualTo(new HomeIdpRoute.Redirect("berlin-senfin", null));
    }

    @Test
    void unknownOrForgedKcIdpHintShowsThePageWithAMessage() {
        for (String hint : List.of("nope", "https://evil.example/", "../admin")) {
            HomeIdpRoute route = discovery.arrive(hint, null);
            assertThat(route).isInstanceOf(HomeIdpRoute.Page.class);
            assertThat(((HomeIdpRoute.Page) route).message()).isEqualTo("dvcErrorHintUnknown");
        }
    }

    @Test
    void loginHintWithAVerifiedDomainRedirectsAndPassesTheEmailOn() {
        assertThat(discovery.arrive(null, "anna.schmidt@it.senfin.berlin.example"))
                .isEqualTo(new HomeIdpRoute.Redirect("berlin-senfin", "anna.schmidt@it.senfin.berlin.example"));
    }

    @Test
    void loginHintWithAnUnknownDomainIsNoErrorButPrefillsThePage() {
        HomeIdpRoute.Page page = (HomeIdpRoute.Page) discovery.arrive(null, "max@flensburg-nord.example");
        assertThat(page.message()).isNull();
        assertThat(page.email()).isEqualTo("max@flensburg-nord.example");
    }

    @Test
    void aNonEmailLoginHintIsIgnored() {
        assertThat(discovery.arrive(null, "anna")).isEqualTo(HomeIdpRoute.Page.empty());
    }

    @Test
    void severalIdpsOfOneDomainAreOfferedAndNothingElse() {
        HomeIdpRoute.Page page = (HomeIdpRoute.Page) discovery.byEmail("kai@flensburg.sh.example");
        assertThat(page.message()).isEqualTo("dvcSeveralIdps");
        assertThat(page.offers()).extracting(Offer::idp).containsExactly("flensburg-adfs", "flensburg-entra");
        assertThat(page.offers()).extracting(Offer::label)
                .containsExactly("Flensburg, Stadt (flensburg-adfs)", "Flensburg, Stadt (flensburg-entra)");
    }

    @Test
    void aNewlyApprovedSecondIdpIsNamedBeforeTheDirectoryKnowsIt() {
        // The directory (rebuilt in the background) lists SenFin with one IdP; the live domain lookup has two.
        HomeIdpDiscovery fresh = new HomeIdpDiscovery(new HomeIdpDiscovery.Agencies() {
            @Override
            public Optional<AgencyListing> byIdp(String alias) {
                return Optional.of(alias.equals("berlin-senfin") ? SENFIN : new AgencyListing(SENFIN.agency(), List.of(alias)));
            }

            @Override
            public List<String> idpsForDomain(String domain) {
                return List.of("berlin-senfin", "berlin-senfin-neu");
            }

            @Override
            public List<AgencyListing> search(String query, int limit) {
                return List.of();
            }
        });
        HomeIdpRoute.Page page = (HomeIdpRoute.Page) fresh.byEmail("anna@senfin.berlin.example");
        assertThat(page.offers()).extracting(Offer::label).containsExactly("Senatsverwaltung für Finanzen Berlin (berlin-senfin)",
                "Senatsverwaltung für Finanzen Berlin (berlin-senfin-neu)");
    }

    @Test
    void anUnknownDomainFallsBackToASearchSeededWithTheDomain() {
        HomeIdpRoute.Page page = (HomeIdpRoute.Page) discovery.byEmail("kai@flensburg.example");
        assertThat(page.message()).isEqualTo("dvcErrorDomainUnknown");
        assertThat(page.argument()).isEqualTo("flensburg.example");
        assertThat(page.query()).isEqualTo("flensburg");
        assertThat(page.offers()).extracting(Offer::idp).contains("flensburg-adfs");
    }

    @Test
    void anInvalidEmailIsNamedOnTheEmailField() {
        HomeIdpRoute.Page page = (HomeIdpRoute.Page) discovery.byEmail("anna at senfin");
        assertThat(page.message()).isEqualTo("dvcErrorEmailInvalid");
        assertThat(page.field()).isEqualTo("email");
        assertThat(page.email()).isEqualTo("anna at senfin");
    }

    @Test
    void choosingOnlyReachesAgencyIdps() {
        assertThat(discovery.choose("flensburg-entra")).isEqualTo(new HomeIdpRoute.Redirect("flensburg-entra", null));
        assertThat(discovery.choose("master-admin-idp")).isInstanceOf(HomeIdpRoute.Page.class);
        assertThat(discovery.choose(null)).isInstanceOf(HomeIdpRoute.Page.class);
    }

    @Test
    void searchFindsAndSaysWhenNothingMatches() {
        assertThat(((HomeIdpRoute.Page) discovery.search("Finanzen")).offers()).extracting(Offer::idp)
                .containsExactly("berlin-senfin");
        HomeIdpRoute.Page none = (HomeIdpRoute.Page) discovery.search("Atlantis");
        assertThat(none.message()).isEqualTo("dvcErrorSearchNone");
        assertThat(none.query()).isEqualTo("Atlantis");
        assertThat(((HomeIdpRoute.Page) discovery.search("  ")).message()).isEqualTo("dvcErrorSearchEmpty");
        assertThat(((HomeIdpRoute.Page) discovery.search("x".repeat(5000))).query()).hasSize(AgencyDirectory.MAX_QUERY_LENGTH);
    }
}
