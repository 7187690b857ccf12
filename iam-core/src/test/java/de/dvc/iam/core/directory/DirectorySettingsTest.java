package de.dvc.iam.core.directory;

import de.dvc.iam.core.onboarding.RequestProblems;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class DirectorySettingsTest {

    private static final String CA = TestCertificates.create().caPem();

    private static Map<String, Object> submitted() {
        Map<String, Object> body = new HashMap<>();
        body.put("url", "ldaps://DC1.musterhausen.example");
        body.put("caCertificates", CA);
        body.put("bindDn", "CN=svc-dvc,OU=Dienstkonten,DC=musterhausen,DC=example");
        body.put("bindSecret", "s3cret-Wert");
        body.put("baseDn", "OU=Benutzer,DC=musterhausen,DC=example");
        body.put("userFilter", "(&(objectClass=user)(objectCategory=person))");
        body.put("loginAttribute", "userPrincipalName");
        body.put("profile", "active-directory");
        body.put("groupRoles", Map.of("CN=GG-Bauamt,OU=Gruppen,DC=musterhausen,DC=example", "Sachbearbeitung"));
        return body;
    }

    private static Map<String, String> problems(Map<String, Object> body) {
        return catchThrowableOfType(RequestProblems.Invalid.class, () -> DirectorySettings.parse(body)).fields();
    }

    @Test
    void validSettingsGetDefaultsAndNeverShowTheSecret() {
        DirectorySettings settings = DirectorySettings.parse(submitted());

        assertThat(settings.url()).isEqualTo(new DirectoryUrl("dc1.musterhausen.example", 636, true));
        assertThat(settings.transport()).isEqualTo(Transport.LDAPS);
        assertThat(settings.trustAnchors()).hasSize(1);
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.bindTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.poolSize()).isEqualTo(DirectorySettings.DEFAULT_POOL_SIZE);
        assertThat(settings.toString()).doesNotContain("s3cret").contains("hidden");
        assertThat(String.valueOf(settings.bindSecret().chars())).isEqualTo("s3cret-Wert");
    }

    @Test
    void plainLdapNeedsStartTlsOrTheExplicitTestFlag() {
        Map<String, Object> body = submitted();
        body.put("url", "ldap://dc1.musterhausen.example");
        assertThat(problems(body)).containsOnlyKeys("url").extractingByKey("url").asString().contains("startTls");

        body.put("startTls", true);
        assertThat(DirectorySettings.parse(body).transport()).isEqualTo(Transport.START_TLS);
        assertThat(DirectorySettings.parse(body).url().port()).isEqualTo(389);

        body.put("startTls", false);
        body.put("insecureForTests", true);
        body.remove("caCertificates");
        assertThat(DirectorySettings.parse(body).transport()).isEqualTo(Transport.PLAIN);
    }

    @Test
    void everyWrongFieldIsNamedAtOnceWithHowToFixIt() {
        Map<String, Object> body = submitted();
        body.put("url", "https://dc1.musterhausen.example");
        body.put("caCertificates", "-----BEGIN PRIVATE KEY-----");
        body.put("bindDn", "svc-dvc");
        body.remove("bindSecret");
        body.put("baseDn", "");
        body.put("userFilter", "objectClass=user)(");
        body.put("loginAttribute", "uid");
        body.put("connectTimeoutMillis", 60_000);
        body.put("poolSize", 0);
        body.put("color", "blue");

        Map<String, String> problems = problems(body);

        assertThat(problems).containsOnlyKeys("url", "caCertificates", "bindDn", "bindSecret", "baseDn", "userFilter",
                "loginAttribute", "connectTimeoutMillis", "poolSize", "color");
        assertThat(problems.get("url")).contains("ldaps or ldap");
        assertThat(problems.get("caCertificates")).contains("private key");
        assertThat(problems.get("bindDn")).contains("not a DN");
        assertThat(problems.get("userFilter")).contains("RFC 4515");
        assertThat(problems.get("loginAttribute")).contains("active-directory directory has no uid");
        assertThat(problems.get("connectTimeoutMillis")).contains("100 to 10000");
    }

    @Test
    void aUrlIsOnlySchemeHostAndPort() {
        assertThat(DirectoryUrl.parse("ldaps://[fd00::5]:3269")).hasToString("ldaps://[fd00::5]:3269");
        assertThatThrownBy(() -> DirectoryUrl.parse("ldaps://dc1.example/DC=example??sub?(uid=x)")).hasMessageContaining("separate settings");
        assertThatThrownBy(() -> DirectoryUrl.parse("ldaps://admin@dc1.example")).hasMessageContaining("user name");
    }

    @Test
    void theBuilderChecksAsTheApiDoes() {
        assertThatThrownBy(() -> DirectorySettings.builder().url("ldaps://dc1.example").build())
                .isInstanceOf(RequestProblems.Invalid.class).hasMessageContaining("bindDn").hasMessageContaining("caCertificates");
    }
}
