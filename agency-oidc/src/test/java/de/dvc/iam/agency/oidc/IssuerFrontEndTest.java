package de.dvc.iam.agency.oidc;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

class IssuerFrontEndTest {

    @Test
    void theIssuersPathIsTheContextPathAndItsOriginThePublicOrigin() {
        IssuerFrontEnd frontEnd = new IssuerFrontEnd(URI.create("https://127.0.0.2:8443/land-beispiel"));

        assertThat(frontEnd.contextPath()).isEqualTo("/land-beispiel");
        assertThat(frontEnd.scheme()).isEqualTo("https");
        assertThat(frontEnd.secure()).isTrue();
        assertThat(frontEnd.port()).isEqualTo(8443);
    }

    @Test
    void withoutPathOrPortTheRootAndTheSchemesPort() {
        assertThat(new IssuerFrontEnd(URI.create("https://idp.beispiel-land.example")).contextPath()).isEmpty();
        assertThat(new IssuerFrontEnd(URI.create("https://idp.beispiel-land.example/")).contextPath()).isEmpty();
        assertThat(new IssuerFrontEnd(URI.create("https://idp.beispiel-land.example")).port()).isEqualTo(443);
        IssuerFrontEnd plain = new IssuerFrontEnd(URI.create("HTTP://127.0.0.1/a/b"));
        assertThat(plain.port()).isEqualTo(80);
        assertThat(plain.secure()).isFalse();
        assertThat(plain.contextPath()).isEqualTo("/a/b");
    }
}
