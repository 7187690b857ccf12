package de.dvc.iam.core.registration;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RefreshPolicyTest {

    @Test
    void encodesAndDecodesTheSameText() {
        RefreshPolicy policy = new RefreshPolicy(7200, true);
        assertThat(policy.encode()).isEqualTo("interval-seconds=7200;key-change-needs-approval=true");
        assertThat(RefreshPolicy.decode(policy.encode())).isEqualTo(policy);
        assertThat(policy.interval()).contains(Duration.ofHours(2));
        assertThat(new RefreshPolicy(0, false).off()).isTrue();
        assertThat(new RefreshPolicy(0, false).interval()).isEmpty();
    }

    @Test
    void theStricterOfFilesAndServerHolds() {
        Duration server = Duration.ofHours(1);
        assertThat(RefreshPolicy.effective(null, server, false)).isEqualTo(new RefreshPolicy.Effective(server, false, false, java.util.Optional.empty()));
        assertThat(RefreshPolicy.effective(" ", server, true).keyChangeNeedsApproval()).isTrue();
        RefreshPolicy.Effective files = RefreshPolicy.effective("interval-seconds=7200;key-change-needs-approval=false", server, true);
        assertThat(files.interval()).isEqualTo(Duration.ofHours(2));
        assertThat(files.keyChangeNeedsApproval()).as("the server option holds").isTrue();
        assertThat(RefreshPolicy.effective("interval-seconds=7200;key-change-needs-approval=true", server, false).keyChangeNeedsApproval())
                .as("the files hold").isTrue();
        RefreshPolicy.Effective off = RefreshPolicy.effective("interval-seconds=0;key-change-needs-approval=false", server, false);
        assertThat(off.off()).isTrue();
        assertThat(off.interval()).isEqualTo(server);
        RefreshPolicy.Effective damaged = RefreshPolicy.effective("interval-seconds=soon", server, false);
        assertThat(damaged.keyChangeNeedsApproval()).as("fail closed").isTrue();
        assertThat(damaged.interval()).isEqualTo(server);
        assertThat(damaged.unreadable()).isPresent();
    }

    @Test
    void onlyHttpsSamlMetadataAndOidcDiscoveryAreFetchedAndAnOffRealmOnlyWhenAsked() {
        RefreshPolicy.Effective on = RefreshPolicy.effective(null, Duration.ofHours(1), false);
        RefreshPolicy.Effective off = RefreshPolicy.effective("interval-seconds=0;key-change-needs-approval=false", Duration.ofHours(1), false);
        assertThat(on.fetches("https://idp.example/md", "saml", false)).isTrue();
        assertThat(on.fetches("https://idp.example", "oidc", false)).isTrue();
        assertThat(on.fetches("metadata XML", "saml", true)).as("registered as XML").isFalse();
        assertThat(on.fetches("http://idp.example/md", "saml", true)).isFalse();
        assertThat(on.fetches(null, "saml", true)).isFalse();
        assertThat(on.fetches("https://dir.example", "dvc-ldap", true)).as("a directory has no document").isFalse();
        assertThat(off.fetches("https://idp.example/md", "saml", false)).as("the files turned it off").isFalse();
        assertThat(off.fetches("https://idp.example/md", "saml", true)).as("the API asks").isTrue();
    }

    @Test
    void aKeyChangeIsHeldOnlyWhereApprovalIsWantedAndNotGiven() {
        assertThat(RefreshPolicy.effective(null, Duration.ofHours(1), true).holdsKeyChange(false)).isTrue();
        assertThat(RefreshPolicy.effective(null, Duration.ofHours(1), true).holdsKeyChange(true)).as("an operator accepts").isFalse();
        assertThat(RefreshPolicy.effective(null, Duration.ofHours(1), false).holdsKeyChange(false)).isFalse();
    }

    @Test
    void refusesWhatItDoesNotWrite() {
        for (String text : new String[]{null, "", "interval-seconds=60", "interval-seconds=x;key-change-needs-approval=true",
                "interval-seconds=60;key-change-needs-approval=yes", "key-change-needs-approval=true;interval-seconds=60",
                "interval-seconds=-1;key-change-needs-approval=true", "interval-seconds=604801;key-change-needs-approval=false",
                "interval-seconds=60;key-change-needs-approval=true;x=1"}) {
            assertThatThrownBy(() -> RefreshPolicy.decode(text)).as(String.valueOf(text)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
