package de.dvc.iam.core.directory;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DirectoryNetworkGuardTest {

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void onlyListedNetworksAndPortsAreReachable() throws Exception {
        DirectoryNetworkGuard guard = DirectoryNetworkGuard.allowing(List.of("10.20.0.0/16", "192.168.5.7:636", "[fd00:20::/48]:3269"));

        assertThat(guard.refusal(ip("10.20.1.2"), 389)).isEmpty();
        assertThat(guard.refusal(ip("192.168.5.7"), 636)).isEmpty();
        assertThat(guard.refusal(ip("192.168.5.7"), 389)).get().asString().contains("not on the operator's LDAP allow-list");
        assertThat(guard.refusal(ip("fd00:20::5"), 3269)).isEmpty();
        assertThat(guard.refusal(ip("10.21.0.1"), 636)).isPresent();
        assertThat(guard.refusal(ip("8.8.8.8"), 636)).isPresent();
        assertThat(DirectoryNetworkGuard.none().refusal(ip("10.20.1.2"), 636)).isPresent();
    }

    @Test
    void loopbackLinkLocalAndTranslatedFormsNeedAnExplicitEntry() throws Exception {
        DirectoryNetworkGuard everything = DirectoryNetworkGuard.allowing(List.of("0.0.0.0/0", "::/0"));

        assertThat(everything.refusal(ip("10.1.1.1"), 636)).isEmpty();
        assertThat(everything.refusal(ip("127.0.0.1"), 636)).get().asString().contains("special-purpose");
        assertThat(everything.refusal(ip("169.254.169.254"), 636)).isPresent();
        assertThat(everything.refusal(ip("::1"), 636)).isPresent();
        assertThat(everything.refusal(ip("fe80::1"), 636)).isPresent();
        assertThat(everything.refusal(ip("2002:7f00:1::"), 636)).as("6to4 of 127.0.0.1").isPresent();
        assertThat(everything.refusal(ip("64:ff9b::a9fe:a9fe"), 636)).as("NAT64 of the metadata service").isPresent();
        assertThat(everything.refusal(ip("::ffff:127.0.0.1"), 636)).as("IPv4-mapped loopback").isPresent();

        DirectoryNetworkGuard tests = DirectoryNetworkGuard.allowing(List.of("127.0.0.1/32"));
        assertThat(tests.refusal(ip("127.0.0.1"), 636)).isEmpty();
        assertThat(tests.refusal(ip("127.0.0.2"), 636)).isPresent();
    }

    @Test
    void entriesAreAddressesNotNames() {
        assertThatThrownBy(() -> AllowedNetwork.parse("dc1.agency.example")).hasMessageContaining("no host names");
        assertThatThrownBy(() -> AllowedNetwork.parse("10.0.0.0/8:99999")).isInstanceOf(IllegalArgumentException.class);
        assertThat(AllowedNetwork.parse("[fd00::/8]:636").port()).isEqualTo(636);
        assertThat(AllowedNetwork.parse("10.0.0.0/8:636")).hasToString("10.0.0.0/8:636");
    }
}
