package de.dvc.iam.keycloak.discovery;

import de.dvc.iam.core.agency.Agency;

import java.util.ArrayList;
import java.util.List;

/** The second line of a search result, e.g. "Kommune · DE-SH · AGS 01001000", so equal names can be told apart. */
final class SearchResultView {

    private SearchResultView() {
    }

    static String detail(Agency agency) {
        List<String> parts = new ArrayList<>();
        parts.add(switch (agency.level()) {
            case FEDERAL -> "Bund";
            case STATE -> "Land";
            case MUNICIPAL -> "Kommune";
            case OTHER -> "Sonstige";
        });
        agency.state().ifPresent(parts::add);
        agency.ags().ifPresent(ags -> parts.add("AGS " + ags));
        agency.shortName().ifPresent(parts::add);
        return String.join(" · ", parts);
    }
}
