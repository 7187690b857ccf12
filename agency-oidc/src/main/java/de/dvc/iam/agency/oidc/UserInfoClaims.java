package de.dvc.iam.agency.oidc;

import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcUserInfoAuthenticationContext;

import java.util.function.Function;

/**
 * The userinfo response: the same released claims as the ID token ({@link ReleasedClaims}), for the scopes of the
 * access token. Spring Authorization Server's default copies only standard claims out of the ID token, so the org
 * unit and roles would be missing, and its {@code sub} must equal the ID token's (OpenID Connect Core 1.0, 5.3.2).
 * Thread-safe.
 */
final class UserInfoClaims implements Function<OidcUserInfoAuthenticationContext, OidcUserInfo> {

    private final AgencyStaff staff;

    UserInfoClaims(AgencyStaff staff) {
        this.staff = staff;
    }

    @Override
    public OidcUserInfo apply(OidcUserInfoAuthenticationContext context) {
        String principal = context.getAuthorization().getPrincipalName();
        StaffMember member = staff.byUsername(principal)
                .orElseThrow(() -> new IllegalStateException("No staff member '" + principal + "' for userinfo."));
        return new OidcUserInfo(ReleasedClaims.of(member, context.getAccessToken().getScopes()));
    }
}
