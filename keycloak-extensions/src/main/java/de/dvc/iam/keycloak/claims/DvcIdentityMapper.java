package de.dvc.iam.keycloak.claims;

import de.dvc.iam.core.identity.IdentityClaims;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.mappers.AbstractOIDCProtocolMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAttributeMapperHelper;
import org.keycloak.protocol.oidc.mappers.OIDCIDTokenMapper;
import org.keycloak.protocol.oidc.mappers.UserInfoTokenMapper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.representations.IDToken;

import java.util.ArrayList;
import java.util.List;

/**
 * Emits the DVC identity contract (docs/claims.md) into ID token, access token and userinfo. The work sits in {@link HomeAgencyResolver} and iam-core's
 * {@link IdentityClaims}; this class only connects them to Keycloak's mapper SPI.
 *
 * <p>Keycloak creates one instance per server and calls it concurrently; it holds no state.
 */
public final class DvcIdentityMapper extends AbstractOIDCProtocolMapper
        implements OIDCAccessTokenMapper, OIDCIDTokenMapper, UserInfoTokenMapper {

    public static final String PROVIDER_ID = "dvc-identity-mapper";

    private static final List<ProviderConfigProperty> CONFIG = new ArrayList<>();

    static {
        OIDCAttributeMapperHelper.addIncludeInTokensConfig(CONFIG, DvcIdentityMapper.class);
    }

    /** After Keycloak's own mappers, so the contract's name, email and acr win over user-model values. */
    @Override
    public int getPriority() {
        return 100;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "DVC identity contract";
    }

    @Override
    public String getDisplayCategory() {
        return TOKEN_MAPPER_CATEGORY;
    }

    @Override
    public String getHelpText() {
        return "Adds the DVC identity contract (docs/claims.md) as the agency asserted it in this session.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG;
    }

    @Override
    protected void setClaim(IDToken token, ProtocolMapperModel mapping, UserSessionModel userSession,
                            KeycloakSession session, ClientSessionContext clientSessionCtx) {
        HomeAgencyResolver.resolve(session, userSession).ifPresent(identity -> {
            token.getOtherClaims().putAll(IdentityClaims.of(identity));
            // The assurance this login reached, capped at the home IdP's maximum; replaces Keycloak's own acr.
            token.setAcr(identity.assurance().acr());
        });
    }
}
