package de.dvc.iam.demo;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The OIDC provider of agency {@code land-beispiel} ({@link DemoAgencies#LAND_BEISPIEL}): Spring Authorization Server
 * (module agency-oidc, an executable jar) started as a child process on plain HTTP at 127.0.0.1, behind the
 * {@link AgencyWebServer}, which passes {@value #PATH}/ on to it. Its issuer is the web server's HTTPS URL with
 * that path, so DVC IAM reaches it as it reaches any agency's provider: over TLS, through its guarded client.
 * The client secret DVC IAM uses there is made once and kept in the state directory.
 */
public final class AgencyOidcProvider {

    /** The issuer's path at the agency web server, also the provider's context path. */
    public static final String PATH = "/land-beispiel";
    /** DVC IAM's client id at the provider. */
    public static final String CLIENT_ID = "dvc-iam";
    /** The agency file (federation/demo-agency-oidc) and the path below the apply directory it is written to. */
    static final String FILE = "agencies/sl/land-beispiel.yaml";
    /** The front end's origin the checked-in file names; replaced by the actual one. */
    private static final String FILE_ORIGIN = "https://127.0.0.2:8443";

    private final Path jar;
    private final Path stateDir;
    private final int port;
    private final AgencyWebServer web;

    /**
     * @param jar      the agency-oidc jar ({@code agency-oidc/target/agency-oidc.jar})
     * @param stateDir where its log and DVC IAM's client secret live
     * @param port     its HTTP port on 127.0.0.1
     * @param web      the TLS front end it is served behind
     */
    public AgencyOidcProvider(Path jar, Path stateDir, int port, AgencyWebServer web) {
        this.jar = jar;
        this.stateDir = stateDir;
        this.port = port;
        this.web = web;
    }

    /** The issuer, e.g. {@code https://127.0.0.2:8443/land-beispiel}. */
    public String issuer() {
        return web.url(PATH);
    }

    public DemoAgencies.DemoAgency agency() {
        return DemoAgencies.LAND_BEISPIEL;
    }

    /**
     * Starts the provider for DVC IAM at {@code serverUrl} (its broker endpoint is the one redirect URI) and has the
     * web server pass {@value #PATH}/ on to it once it answers.
     *
     * @throws DemoStartException if it does not answer within {@code readyTimeout}, naming its log
     */
    public ServerProcess start(String serverUrl, Duration readyTimeout) throws IOException, DemoStartException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String redirectUri = serverUrl + "/realms/" + DemoFederation.REALM + "/broker/" + agency().idpAlias() + "/endpoint";
        ServerProcess process = ServerProcess.start("Agency OIDC provider land-beispiel (Spring Authorization Server)",
                List.of(java.toString(), "-Xmx192m", "-XX:TieredStopAtLevel=1", "-jar", jar.toAbsolutePath().toString(),
                        "--server.address=127.0.0.1", "--server.port=" + port, "--agency-oidc.issuer=" + issuer(),
                        "--agency-oidc.client.id=" + CLIENT_ID, "--agency-oidc.client.redirect-uri=" + redirectUri),
                // the secret by environment: a command line is visible to every user of the machine
                Map.of("AGENCY_OIDC_CLIENT_SECRET", secret()), stateDir, log());
        process.awaitReady(URI.create("http://127.0.0.1:" + port + PATH + "/.well-known/openid-configuration"), readyTimeout);
        web.proxy(PATH + "/", URI.create("http://127.0.0.1:" + port));
        return process;
    }

    public Path log() {
        return stateDir.resolve("agency-oidc.log");
    }

    /** DVC IAM's client secret at the provider: made at the first start, the same at every later one. */
    public String secret() throws IOException {
        Path file = stateDir.resolve("land-beispiel-client-secret");
        if (Files.isRegularFile(file)) {
            return Files.readString(file, StandardCharsets.US_ASCII).trim();
        }
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Files.createDirectories(stateDir);
        Files.writeString(file, secret, StandardCharsets.US_ASCII);
        return secret;
    }

    /** The environment variable the agency file names for the secret ({@code env:…}). */
    String secretName() {
        return DemoFederation.secretName(agency());
    }

    /** Writes the agency file below {@code directory} (an apply directory), with this provider's issuer. */
    void writeFederationFile(Path directory) throws IOException {
        Path target = directory.resolve(FILE);
        Files.createDirectories(target.getParent());
        Files.writeString(target, federationFile(issuer()), StandardCharsets.UTF_8);
    }

    /** The checked-in agency file, as packaged into this module's jar, naming {@code issuer} as the provider's issuer. */
    static String federationFile(String issuer) throws IOException {
        String file = packagedFile();
        if (!file.contains("issuer: " + FILE_ORIGIN + PATH + "\n")) {
            throw new IllegalStateException("federation/demo-agency-oidc/" + FILE + " no longer names the issuer "
                    + FILE_ORIGIN + PATH + ", which the demo replaces by the actual one.");
        }
        return file.replace(FILE_ORIGIN + PATH, issuer);
    }

    private static String packagedFile() throws IOException {
        try (InputStream in = AgencyOidcProvider.class.getClassLoader().getResourceAsStream("federation/demo-agency-oidc/" + FILE)) {
            if (in == null) {
                throw new IllegalStateException("The agency file federation/demo-agency-oidc/" + FILE
                        + " is not on the class path; rebuild the demo module.");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
