package de.dvc.iam.config.validate;

import de.dvc.iam.config.Problem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A federation directory written by a test, line by line (so a test can name the line it expects a problem
 * at), starting from a small valid federation.
 */
public final class Tree {

    /** Shared: loading the schemas once keeps the tests fast; the validator is thread-safe. */
    public static final FederationValidator VALIDATOR = FederationValidator.standard();

    private final Path root;

    public Tree(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** A valid federation: settings, a SAML and an OIDC agency, a service. */
    public static Tree valid(Path root) {
        return new Tree(root)
                .file("settings.yaml",
                        "kind: Settings",
                        "roles:",
                        "  operators:",
                        "    - idp: bund-bmi",
                        "      email: petra.betrieb@bmi.bund.example")
                .file("agencies/be/berlin-senfin.yaml",
                        "kind: Agency",                                    // 1
                        "id: berlin-senfin",                               // 2
                        "name: Senatsverwaltung für Finanzen Berlin",      // 3
                        "shortName: SenFin",                               // 4
                        "level: state",                                    // 5
                        "state: DE-BE",                                    // 6
                        "domains:",                                        // 7
                        "  - senfin.berlin.example",                       // 8
                        "idps:",                                           // 9
                        "  - alias: berlin-senfin",                        // 10
                        "    protocol: saml",                              // 11
                        "    metadataUrl: https://idp.senfin.berlin.example/metadata", // 12
                        "    entityId: https://idp.senfin.berlin.example", // 13
                        "    profile: saml-oid",                           // 14
                        "    maxAssurance: substantiell",                  // 15
                        "    acrTable:",                                   // 16
                        "      urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport: normal", // 17
                        "      urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI: substantiell")         // 18
                .file("agencies/bund/bund-bmi.yaml",
                        "kind: Agency",
                        "id: bund-bmi",
                        "name: Bundesministerium des Innern",
                        "level: federal",
                        "keys:",
                        "  leitwegId: 991-33333TEST-33",
                        "domains: [bmi.bund.example]",
                        "idps:",
                        "  - alias: bund-bmi",
                        "    protocol: oidc",
                        "    issuer: https://login.bmi.bund.example/realms/bmi",
                        "    clientId: dvc-iam",
                        "    clientSecret: env:DVC_BUND_BMI_CLIENT_SECRET",
                        "    profile: oidc")
                .file("agencies/sh/gemeinde-01051001.yaml",
                        "kind: Agency",
                        "id: gemeinde-01051001",
                        "name: Albersdorf",
                        "level: municipal",
                        "state: DE-SH",
                        "keys:",
                        "  ags: \"01051001\"",
                        "  ars: \"010515175001\"",
                        "domains: [albersdorf.sh.example]")
                .file("services/fachverfahren.yaml",
                        "kind: Service",                                   // 1
                        "clientId: fachverfahren",                         // 2
                        "name: Fachverfahren",                             // 3
                        "owner: {agency: bund-bmi}",                       // 4
                        "contact: it-service@bmi.bund.example",            // 5
                        "clientSecret: file:/run/secrets/fachverfahren",   // 6
                        "redirectUris:",                                   // 7
                        "  - https://fachverfahren.bund.example/callback", // 8
                        "sector: fachverfahren.bund.example",              // 9
                        "requiredAssurance: substantiell",                 // 10
                        "accessPolicy:",                                   // 11
                        "  agencies: [bund-bmi, berlin-senfin]",           // 12
                        "  levels: [federal, state]");                     // 13
    }

    /** A CA certificate in PEM (any X.509 certificate does for the settings' checks). */
    public static String caPem() {
        try (var in = Tree.class.getResourceAsStream("/de/dvc/iam/config/csv/placeholder-signing.pem")) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Adds agency musterhausen with its Active Directory ({@code protocol: ldap}), the CA certificate in a file next to
     * its agency file, the bind secret {@code env:DVC_MUSTERHAUSEN_BIND_SECRET}. Line 12 is {@code directory:}.
     */
    public Tree directoryAgency() {
        file("agencies/ni/certificates/musterhausen-ca.pem", caPem().strip());
        return file("agencies/ni/musterhausen.yaml",
                "kind: Agency",                                                    // 1
                "id: musterhausen",                                                // 2
                "name: Gemeinde Musterhausen",                                     // 3
                "level: municipal",                                                // 4
                "state: DE-NI",                                                    // 5
                "domains: [musterhausen.example]",                                 // 6
                "idps:",                                                           // 7
                "  - alias: musterhausen-ad",                                      // 8
                "    displayName: Gemeinde Musterhausen (Active Directory)",      // 9
                "    protocol: ldap",                                              // 10
                "    profile: ldap-ad",                                            // 11
                "    directory:",                                                  // 12
                "      url: ldaps://dc1.musterhausen.example:636",                 // 13
                "      caCertificatesFile: certificates/musterhausen-ca.pem",      // 14
                "      bindDn: CN=svc-dvc,OU=Dienstkonten,DC=musterhausen,DC=example", // 15
                "      bindSecret: env:DVC_MUSTERHAUSEN_BIND_SECRET",              // 16
                "      baseDn: OU=Benutzer,DC=musterhausen,DC=example",            // 17
                "      userFilter: (objectClass=user)",                            // 18
                "      loginAttribute: userPrincipalName",                         // 19
                "      groupRoles:",                                               // 20
                "        GG-Bauamt: Sachbearbeitung",                              // 21
                "      poolSize: 8",                                               // 22
                "    maxAssurance: normal");                                       // 23
    }

    public Tree file(String relative, String... lines) {
        Path file = root.resolve(relative);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Replaces {@code from} (which must occur) by {@code to} in file {@code relative}. */
    public Tree replace(String relative, String from, String to) {
        Path file = root.resolve(relative);
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            assertThat(text).as(relative).contains(from);
            Files.writeString(file, text.replace(from, to), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public Tree delete(String relative) {
        try {
            Files.delete(root.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public Tree bytes(String relative, byte[] content) {
        Path file = root.resolve(relative);
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public ValidationReport validate() {
        return VALIDATOR.validate(root);
    }

    /** The one problem of {@code code}; fails if there is none or more. */
    public Problem only(String code) {
        List<Problem> problems = validate().problems().stream().filter(p -> p.code().equals(code)).toList();
        assertThat(problems).as("problems of code " + code + " in " + validate().problems()).hasSize(1);
        return problems.get(0);
    }

    /** Asserts the problem lies at {@code relative}:{@code line}:{@code column}. */
    public static void at(Problem problem, Tree tree, String relative, int line, int column) {
        assertThat(problem.where().file()).as(problem.toText()).isEqualTo(tree.root.resolve(relative));
        assertThat(problem.where().line()).as(problem.toText()).isEqualTo(line);
        assertThat(problem.where().column()).as(problem.toText()).isEqualTo(column);
        assertThat(problem.expected()).as("says what is expected").isNotBlank();
    }
}
