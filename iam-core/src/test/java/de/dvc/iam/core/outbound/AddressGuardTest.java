package de.dvc.iam.core.outbound;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AddressGuardTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "::1", "0.0.0.0", "::", "10.0.0.1", "10.255.255.255", "172.16.0.1",
            "172.31.255.1", "192.168.1.1", "100.64.0.1", "169.254.169.254", "fe80::1", "fd00:ec2::254", "fc00::1",
            "224.0.0.1", "255.255.255.255", "192.0.2.10", "198.18.0.1", "::ffff:127.0.0.1", "::ffff:10.0.0.1",
            "64:ff9b::a9fe:a9fe", "2001:db8::1"})
    void refusesEveryNonPublicAddress(String address) throws Exception {
        assertThat(AddressGuard.strict().refusal(InetAddress.getByName(address))).as(address).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "193.99.144.80", "172.32.0.1", "100.128.0.1", "2a00:1450:4001::1", "::ffff:8.8.8.8"})
    void admitsPublicAddresses(String address) throws Exception {
        assertThat(AddressGuard.strict().refusal(InetAddress.getByName(address))).as(address).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"::127.0.0.1", "::10.0.0.1", "::169.254.169.254", "::8.8.8.8", "64:ff9b:1::a9fe:a9fe",
            "64:ff9b:1::808:808", "2002:7f00:1::1", "2002:a9fe:a9fe::1", "2002:c0a8:101::", "2002:a00:1:1::1",
            "2002:e000:1::", "2001:0:4136:e378:8000:63bf:3fff:fdd2", "2001::1", "100::1", "100::ffff:ffff:ffff:ffff",
            "3fff::1", "2001:2::1"})
    void refusesIpv6FormsThatTunnelOrTranslateToWhatIsNotPublic(String address) throws Exception {
        assertThat(AddressGuard.strict().refusal(InetAddress.getByName(address))).as(address).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2002:808:808::1", "2002:c163:9050::", "2001:4860:4860::8888", "2001:1::1", "100:0:0:1::1"})
    void admitsSixToFourOfAPublicAddressAndNeighboursOfTheRefusedPrefixes(String address) throws Exception {
        assertThat(AddressGuard.strict().refusal(InetAddress.getByName(address))).as(address).isEmpty();
    }

    @Test
    void anAllowListNamesExactlyTheFormItAdmits() throws Exception {
        AddressGuard loopbackOnly = new AddressGuard(List.of(Cidr.parse("127.0.0.1/32")));
        AddressGuard sixToFour = new AddressGuard(List.of(Cidr.parse("2002:7f00:1::/48")));

        assertThat(loopbackOnly.refusal(InetAddress.getByName("::127.0.0.1"))).isPresent();
        assertThat(loopbackOnly.refusal(InetAddress.getByName("2002:7f00:1::1"))).isPresent();
        assertThat(sixToFour.refusal(InetAddress.getByName("2002:7f00:1::1"))).isEmpty();
        assertThat(sixToFour.refusal(InetAddress.getByName("2002:7f00:2::1"))).isPresent();
    }

    @Test
    void anExplicitAllowListAdmitsOnlyWhatItNames() throws Exception {
        AddressGuard tests = new AddressGuard(List.of(Cidr.parse("127.0.0.1/32")));

        assertThat(tests.refusal(InetAddress.getByName("127.0.0.1"))).isEmpty();
        assertThat(tests.refusal(InetAddress.getByName("127.0.0.2"))).isPresent();
        assertThat(tests.refusal(InetAddress.getByName("169.254.169.254"))).isPresent();
    }

    @Test
    void cidrsAreLiteralsOnly() {
        assertThatThrownBy(() -> Cidr.parse("localhost")).hasMessageContaining("host names are not accepted");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).hasMessageContaining("prefix length");
        assertThat(Cidr.parse("10.0.0.0/8").toString()).isEqualTo("10.0.0.0/8");
    }
}
