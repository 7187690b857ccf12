package de.dvc.iam.config.adopt;

import de.dvc.iam.config.yaml.YamlDocument;
import de.dvc.iam.config.yaml.YamlReader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The text edit of adopt: the item and the domains where they belong, every other line as it was. */
class AgencyFileEditTest {

    private static final String ITEM = "  - alias: neu\n    protocol: oidc\n";

    private static String edit(String text, List<String> domains) {
        YamlDocument document = YamlReader.read(Path.of("a.yaml"), text).document().orElseThrow();
        return AgencyFileEdit.addIdp(text, document, "neu", ITEM, domains);
    }

    @Test
    void indentlessListsKeepTheirIndentationAndCommentsStay() {
        String text = "kind: Agency # the agency\ndomains:\n- a.example\n# our IdPs\nidps:\n- alias: alt # first\n  protocol: saml\n\n"
                + "# trailing note\n";
        assertThat(edit(text, List.of("b.example"))).isEqualTo("kind: Agency # the agency\ndomains:\n- a.example\n- b.example\n"
                + "# our IdPs\nidps:\n- alias: alt # first\n  protocol: saml\n- alias: neu\n  protocol: oidc\n\n# trailing note\n");
    }

    @Test
    void emptyFlowListsBecomeBlockListsAndMissingListsAreAdded() {
        assertThat(edit("kind: Agency\ndomains: []\nidps: []\n", List.of("b.example")))
                .isEqualTo("kind: Agency\ndomains:\n  - b.example\nidps:\n  - alias: neu\n    protocol: oidc\n");
        assertThat(edit("kind: Agency\nid: x\n# end\n", List.of("b.example")))
                .isEqualTo("kind: Agency\nid: x\ndomains:\n  - b.example\nidps:\n  - alias: neu\n    protocol: oidc\n# end\n");
        assertThat(edit("kind: Agency\nidps:\ndomains: [a.example]\n", List.of()))
                .isEqualTo("kind: Agency\nidps:\n  - alias: neu\n    protocol: oidc\ndomains: [a.example]\n");
    }

    @Test
    void windowsLineEndsStayAndTheExportsCommentOnTheRegistrationGoes() {
        String text = "kind: Agency\r\nidps:\r\n    - alias: alt\r\n      protocol: saml\r\n# Not exported: IdP neu (oidc, active, "
                + "self-service registration): elsewhere.\r\n# Not exported: IdP neu2 (saml): other.\r\n";
        assertThat(edit(text, List.of())).isEqualTo("kind: Agency\r\nidps:\r\n    - alias: alt\r\n      protocol: saml\r\n"
                + "    - alias: neu\r\n      protocol: oidc\r\n# Not exported: IdP neu2 (saml): other.\r\n");
    }

    @Test
    void aFlowListWithItemsCannotBeAddedTo() {
        assertThatThrownBy(() -> edit("kind: Agency\nidps: [{alias: alt, protocol: saml}]\n", List.of()))
                .hasMessageContaining("'idps:' is written in flow style ([…]) on line 2");
    }
}
