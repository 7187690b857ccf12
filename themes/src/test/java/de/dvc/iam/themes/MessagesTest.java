package de.dvc.iam.themes;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every message of the dvc theme, in both languages, as Keycloak shows it: Keycloak formats every message with
 * {@link MessageFormat}, where a single apostrophe starts a quote and disappears ("your agencys sign-in page").
 */
class MessagesTest {

    private static final Path THEME = Path.of("src/main/resources/theme/dvc/login");

    private static Properties messages(String language) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(THEME.resolve("messages/messages_" + language + ".properties"))) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    @Test
    void bothLanguagesHaveTheSameMessages() throws IOException {
        assertThat(messages("en").stringPropertyNames()).isEqualTo(messages("de").stringPropertyNames());
    }

    @Test
    void everyApostropheSurvivesKeycloaksMessageFormat() throws IOException {
        for (String language : List.of("de", "en")) {
            Properties messages = messages(language);
            List<String> broken = new ArrayList<>();
            for (String key : messages.stringPropertyNames()) {
                String raw = messages.getProperty(key);
                Object[] arguments = Stream.iterate(0, i -> i + 1).limit(10).map(i -> (Object) ("<" + i + ">")).toArray();
                String shown = new MessageFormat(raw, Locale.forLanguageTag(language)).format(arguments);
                // What a reader sees must have as many apostrophes as the text meant ('' is one), and every placeholder filled.
                long meant = raw.replace("''", "'").chars().filter(c -> c == '\'').count();
                if (shown.chars().filter(c -> c == '\'').count() != meant || shown.matches(".*\\{\\d+}.*")) {
                    broken.add(language + " " + key + " = " + raw + "  →  " + shown);
                }
            }
            assertThat(broken).as("messages MessageFormat changes (write a single apostrophe as '')").isEmpty();
        }
    }

    @Test
    void everyMessageTheTemplatesUseExists() throws IOException {
        Set<String> used = new TreeSet<>();
        Pattern msg = Pattern.compile("msg\\([\"'](dvc[A-Za-z]+)[\"']");
        try (Stream<Path> templates = Files.list(THEME)) {
            for (Path template : templates.filter(p -> p.toString().endsWith(".ftl")).toList()) {
                Matcher matcher = msg.matcher(Files.readString(template));
                while (matcher.find()) {
                    used.add(matcher.group(1));
                }
            }
        }
        assertThat(used).isNotEmpty();
        assertThat(messages("de").stringPropertyNames()).containsAll(used);
        assertThat(messages("en").stringPropertyNames()).containsAll(used);
    }
}
