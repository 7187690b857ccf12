package de.dvc.iam.keycloak.discovery;

import de.dvc.iam.core.agency.Agency;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.theme.Theme;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * The second line of a search result in the user's language, e.g. "Kommune · DE-SH · AGS 01001000"
 * or "Municipality · DE-SH · AGS 01001000", so that agencies of the same name can be told apart.
 * The level names are the login theme's messages {@code dvcLevel<Level>}.
 */
final class SearchResultView {

    private static final Logger LOG = Logger.getLogger(SearchResultView.class);

    private final Properties messages;

    private SearchResultView(Properties messages) {
        this.messages = messages;
    }

    /** For the current request: the realm's login theme, in the locale Keycloak resolved for it. */
    static SearchResultView of(KeycloakSession session) {
        try {
            Locale locale = session.getContext().resolveLocale(null);
            Theme theme = session.theme().getTheme(Theme.Type.LOGIN);
            return new SearchResultView(theme.getEnhancedMessages(session.getContext().getRealm(), locale));
        } catch (IOException | RuntimeException e) {
            LOG.debugf("Login theme messages unavailable, showing level codes: %s", e);
            return new SearchResultView(new Properties());
        }
    }

    String detail(Agency agency) {
        List<String> parts = new ArrayList<>();
        String code = agency.level().code();
        parts.add(messages.getProperty("dvcLevel" + Character.toUpperCase(code.charAt(0)) + code.substring(1), code));
        agency.state().ifPresent(parts::add);
        agency.ags().ifPresent(ags -> parts.add("AGS " + ags));
        agency.shortName().ifPresent(parts::add);
        return String.join(" · ", parts);
    }
}
