package de.dvc.iam.config.validate;

import de.dvc.iam.config.Problem;
import de.dvc.iam.config.model.AgencySpec;
import de.dvc.iam.config.model.Kind;
import de.dvc.iam.config.model.ServiceSpec;
import de.dvc.iam.config.model.SettingsSpec;
import de.dvc.iam.config.model.SpecReader;
import de.dvc.iam.config.schema.FederationSchema;
import de.dvc.iam.config.yaml.Where;
import de.dvc.iam.config.yaml.YamlDocument;
import de.dvc.iam.config.yaml.YamlReader;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads federation files into specs, file by file: YAML, {@code kind}, schema, secrets. A file with any of
 * these errors is reported and left out of the federation, so the rules that follow see only well-formed
 * specs (and no error is reported twice).
 *
 * <p>Thread-safe: the schema is shared, each call works on its own lists.
 */
public final class FederationLoader {

    private static final Pattern SCHEMA_COMMENT = Pattern.compile("^#\\s*yaml-language-server:\\s*\\$schema=(\\S+)", Pattern.MULTILINE);

    private final FederationSchema schema;

    public FederationLoader(FederationSchema schema) {
        this.schema = schema;
    }

    /**
     * One file read: its spec, or nothing if it had errors, and its problems.
     *
     * @param skipped for an agency file left out: the agency id and IdP aliases it names, so that references to
     *                them elsewhere are not reported as unknown on top of its own errors
     */
    public record Loaded(Optional<Object> spec, List<Problem> problems, List<String> skipped) {
        Loaded(Optional<Object> spec, List<Problem> problems) {
            this(spec, problems, List.of());
        }
    }

    public Loaded load(SourceFile file) {
        List<Problem> problems = new ArrayList<>();
        YamlReader.Result read = YamlReader.read(file.path(), file.text());
        if (read.document().isEmpty()) {
            return new Loaded(Optional.empty(), YamlReader.problems(read));
        }
        YamlDocument document = read.document().get();
        Optional<Kind> kind = kind(document, problems);
        if (kind.isEmpty()) {
            return new Loaded(Optional.empty(), problems);
        }
        schemaComment(file, kind.get(), problems);
        List<Problem> secrets = new ArrayList<>();
        SecretValues.check(document, secrets);
        Set<Where> secretPlaces = new HashSet<>();
        secrets.forEach(p -> secretPlaces.add(p.where()));
        problems.addAll(secrets);
        for (Problem problem : schema.validate(document, kind.get())) {
            if (!secretPlaces.contains(problem.where())) { // the secret problem says it better, without the pattern
                problems.add(problem);
            }
        }
        if (problems.stream().anyMatch(Problem::isError)) {
            return new Loaded(Optional.empty(), problems, kind.get() == Kind.AGENCY ? names(document.root()) : List.of());
        }
        Object spec = switch (kind.get()) {
            case AGENCY -> SpecReader.agency(document);
            case SERVICE -> SpecReader.service(document);
            case SETTINGS -> SpecReader.settings(document);
        };
        return new Loaded(Optional.of(spec), problems);
    }

    /** The agency id and IdP aliases an agency file names, as far as they are strings. */
    private static List<String> names(JsonNode agency) {
        List<String> names = new ArrayList<>();
        if (agency.path("id").isString()) {
            names.add(agency.path("id").asString());
        }
        agency.path("idps").forEach(idp -> {
            if (idp.path("alias").isString()) {
                names.add(idp.path("alias").asString());
            }
        });
        return names;
    }

    private static Optional<Kind> kind(YamlDocument document, List<Problem> problems) {
        JsonNode root = document.root();
        if (!root.isObject() || !root.has("kind")) {
            problems.add(Problem.error("kind_missing", root.isObject() ? document.at("") : new Where(document.file(), 1, 1),
                    "The file does not say what it describes.", "a mapping with kind: Agency, kind: Service or kind: Settings"));
            return Optional.empty();
        }
        Optional<Kind> kind = Kind.of(root.path("kind").asString(""));
        if (kind.isEmpty()) {
            problems.add(Problem.error("kind_unknown", document.at("/kind"), "The kind '" + abbreviate(root.path("kind").asString(
                    root.path("kind").toString())) + "' is not known.", "kind: Agency, kind: Service or kind: Settings"));
        }
        return kind;
    }

    /** An editor checks a file against the schema its comment names: it should be its kind's. */
    private static void schemaComment(SourceFile file, Kind kind, List<Problem> problems) {
        Matcher comment = SCHEMA_COMMENT.matcher(file.text());
        if (comment.find() && !comment.group(1).endsWith("/" + kind.schemaFile()) && !comment.group(1).equals(kind.schemaFile())) {
            int line = (int) file.text().substring(0, comment.start()).chars().filter(c -> c == '\n').count() + 1;
            problems.add(Problem.warning("schema_comment_mismatch", new Where(file.path(), line, comment.start(1)
                    - comment.start() + 1), "The yaml-language-server comment names " + abbreviate(comment.group(1))
                    + ", not the schema of kind " + kind.value() + ": editors check the file against the wrong schema.",
                    "# yaml-language-server: $schema=<path to federation-config/schema>/" + kind.schemaFile()));
        }
    }

    private static String abbreviate(String value) {
        return value.length() > 60 ? value.substring(0, 60) + "…" : value;
    }

    /** Sorts loaded specs by kind. */
    static void collect(Object spec, List<AgencySpec> agencies, List<ServiceSpec> services, List<SettingsSpec> settings) {
        if (spec instanceof AgencySpec agency) {
            agencies.add(agency);
        } else if (spec instanceof ServiceSpec service) {
            services.add(service);
        } else if (spec instanceof SettingsSpec s) {
            settings.add(s);
        }
    }
}
