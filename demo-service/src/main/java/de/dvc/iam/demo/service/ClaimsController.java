package de.dvc.iam.demo.service;

import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;
import java.util.TreeMap;

/** The two pages of the demo service: a start page and the claims of the logged-in user. */
@RestController
public class ClaimsController {

    private final ClaimsPage page;

    public ClaimsController(ClaimsPage page) {
        this.page = page;
    }

    @GetMapping(value = "/", produces = MediaType.TEXT_HTML_VALUE)
    public String home(@AuthenticationPrincipal OidcUser user) {
        return page.home(user == null ? null : user.getFullName());
    }

    @GetMapping(value = "/claims", produces = MediaType.TEXT_HTML_VALUE)
    public String claims(@AuthenticationPrincipal OidcUser user, CsrfToken csrf) {
        return page.claims(new TreeMap<>(user.getIdToken().getClaims()), new TreeMap<>(user.getUserInfo() == null
                ? Map.of() : user.getUserInfo().getClaims()), csrf);
    }
}
