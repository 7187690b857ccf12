package de.dvc.iam.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.dvc.iam.demo.client.BrokeredLogin;
import de.dvc.iam.demo.client.LoginRequest;
import de.dvc.iam.it.RunningFederation.Federation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.representations.idm.ClientRepresentation;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Apache example of docs/service-operators.md, as written in docs/examples/mod_auth_openidc.conf:
 * Debian's Apache httpd with mod_auth_openidc (installed by .ci/run) protects a page, a user of an
 * agency logs in through DVC IAM and Apache sees the DVC claims.
 */
@ExtendWith(RunningFederation.class)
class ModAuthOpenidcIT {

    private static final String CLIENT_ID = "apache-example";
    private static final String CLIENT_SECRET = "apache-example-secret";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Process apache;
    private static String apacheUrl;
    private static Path dir;

    private final Federation federation;

    ModAuthOpenidcIT(Federation federation) {
        this.federation = federation;
    }

    @BeforeAll
    static void startApache(Federation federation) throws Exception {
        Path httpd = Path.of("/usr/sbin/apache2");
        Path module = Path.of("/usr/lib/apache2/modules/mod_auth_openidc.so");
        assertThat(httpd).as("Apache httpd (Debian apache2, installed by .ci/run)").exists();
        assertThat(module).as("mod_auth_openidc (Debian libapache2-mod-auth-openidc, installed by .ci/run)").exists();
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        apacheUrl = "http://localhost:" + port;
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(CLIENT_ID);
        client.setName("Apache example service");
        client.setSecret(CLIENT_SECRET);
        client.setPublicClient(false);
        client.setStandardFlowEnabled(true);
        client.setRedirectUris(List.of(apacheUrl + "/protected/redirect_uri"));
        client.setAttributes(Map.of("pkce.code.challenge.method", "S256", "dvc.sector", "apache.test.dvc.example"));
        federation.admin().realm("dvc").clients().create(client).close();

        dir = Files.createTempDirectory(Path.of(System.getProperty("dvc.work.dir", "target/it-work")).toAbsolutePath(), "apache-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path htdocs = Files.createDirectories(dir.resolve("htdocs/protected"));
        Files.writeString(htdocs.resolve("hello.txt"), "Hallo aus dem Fachverfahren\n");
        Path example = Path.of(System.getProperty("claims.schema")).resolveSibling("examples/mod_auth_openidc.conf");
        Path conf = dir.resolve("httpd.conf");
        Files.writeString(conf, String.join("\n",
                "ServerName localhost",
                "Listen 127.0.0.1:" + port,
                "PidFile " + dir.resolve("httpd.pid"),
                "ErrorLog " + dir.resolve("error.log"),
                "LogLevel warn auth_openidc:info",
                "DefaultRuntimeDir " + dir,
                "Mutex file:" + dir + " default",
                "User www-data",
                "Group www-data",
                "LoadModule mpm_event_module /usr/lib/apache2/modules/mod_mpm_event.so",
                "LoadModule authn_core_module /usr/lib/apache2/modules/mod_authn_core.so",
                "LoadModule authz_core_module /usr/lib/apache2/modules/mod_authz_core.so",
                "LoadModule auth_openidc_module " + module,
                "DocumentRoot " + dir.resolve("htdocs"),
                "<Directory " + dir.resolve("htdocs") + ">",
                "  Require all granted",
                "</Directory>",
                // Test only: skip discovery, go straight to the OIDC agency (see service-operators.md, kc_idp_hint).
                "OIDCAuthRequestParams kc_idp_hint=bund-bmi",
                "Include " + example, ""));
        ProcessBuilder builder = new ProcessBuilder(httpd.toString(), "-f", conf.toString(), "-DFOREGROUND")
                .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile());
        builder.environment().putAll(Map.of("DVC_ISSUER", federation.serverUrl() + "/realms/dvc",
                "DVC_CLIENT_ID", CLIENT_ID, "DVC_CLIENT_SECRET", CLIENT_SECRET, "SERVICE_URL", apacheUrl,
                "OIDC_CRYPTO_PASSPHRASE", "it-passphrase-" + System.nanoTime(), "APACHE_LOG_DIR", dir.toString()));
        apache = builder.start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!listening(port)) {
            if (!apache.isAlive() || Instant.now().isAfter(deadline)) {
                throw new AssertionError("Apache did not start: " + Files.readString(dir.resolve("stdout.log"))
                        + (Files.exists(dir.resolve("error.log")) ? Files.readString(dir.resolve("error.log")) : ""));
            }
            Thread.sleep(100);
        }
    }

    @AfterAll
    static void stopApache() throws InterruptedException {
        if (apache != null) {
            apache.destroy();
            if (!apache.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                apache.destroyForcibly();
            }
        }
    }

    @Test
    void apacheProtectsAPageAndSeesTheDvcClaims() throws Exception {
        LoginRequest request = LoginRequest.redirectingTo(federation.serverUrl(), apacheUrl + "/protected/redirect_uri");
        BrokeredLogin browser = new BrokeredLogin(request, federation.serverUrl());

        HttpResponse<String> toIam = request.get(apacheUrl + "/protected/hello.txt");
        assertThat(LoginRequest.location(toIam)).as("Apache sends the user to DVC IAM with PKCE")
                .startsWith(federation.serverUrl() + "/realms/dvc/protocol/openid-connect/auth")
                .contains("code_challenge_method=S256", "client_id=" + CLIENT_ID);
        BrokeredLogin.Outcome outcome = browser.loginFrom(toIam, apacheUrl + "/protected/hello.txt", "jonas.weber", "demo");
        assertThat(outcome.succeeded()).as("back at Apache with a code: %s", outcome.body()).isTrue();

        HttpResponse<String> back = request.get(outcome.lastUrl());
        assertThat(back.statusCode()).as("Apache redeemed the code: %s", errorLog()).isEqualTo(302);
        HttpResponse<String> page = request.get(apacheUrl + "/protected/hello.txt");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Hallo aus dem Fachverfahren");

        JsonNode info = JSON.readTree(request.get(apacheUrl + "/protected/redirect_uri?info=json").body());
        JsonNode idToken = info.get("id_token");
        assertThat(idToken.at("/agency/id").asText()).isEqualTo("bund-bmi");
        assertThat(idToken.at("/dvc_contract").asText()).startsWith("1.");
        assertThat(idToken.at("/acr").asText()).isEqualTo("http://eidas.europa.eu/LoA/low");
    }

    @Test
    void withoutALoginApacheServesNothing() throws Exception {
        LoginRequest request = LoginRequest.redirectingTo(federation.serverUrl(), apacheUrl + "/protected/redirect_uri");

        HttpResponse<String> response = request.get(apacheUrl + "/protected/hello.txt");

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.body()).doesNotContain("Hallo aus dem Fachverfahren");
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String errorLog() throws IOException {
        Path log = dir.resolve("error.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }
}
