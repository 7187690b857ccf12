package de.dvc.iam.agency.oidc;

import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Puts the released claims ({@link ReleasedClaims}) into the ID token, and the member's directory id as {@code sub}
 * into ID and access token: Spring Authorization Server's default subject is the login name, here her email address,
 * which an agency may give to someone else later. Thread-safe.
 */
final class IdTokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    private final AgencyStaff staff;

    IdTokenClaims(AgencyStaff staff) {
        this.staff = staff;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        StaffMember member = staff.byUsername(context.getPrincipal().getName()).orElseThrow(() ->
                new IllegalStateException("No staff member '" + context.getPrincipal().getName() + "' for a token."));
        context.getClaims().subject(member.subject());
        if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
            context.getClaims().claims(claims -> {
                claims.putAll(ReleasedClaims.of(member, context.getAuthorizedScopes()));
                claims.putAll(ReleasedClaims.authentication());
            });
        }
    }
}
