package de.dvc.iam.keycloak.claims;

import de.dvc.iam.core.subject.PairwiseSubject;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperContainerModel;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.ProtocolMapperConfigException;
import org.keycloak.protocol.oidc.mappers.AbstractOIDCProtocolMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.OIDCIDTokenMapper;
import org.keycloak.protocol.oidc.mappers.TokenIntrospectionTokenMapper;
import org.keycloak.protocol.oidc.mappers.UserInfoTokenMapper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.IDToken;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * Replaces {@code sub} with a pairwise subject ({@link PairwiseSubject}) in ID token, access token,
 * userinfo and introspection, and {@code preferred_username} with the same value ({@code upn} is removed):
 * no token, userinfo or introspection answer carries an identifier that is the same for every service.
 * The sector is the client attribute {@value #SECTOR_ATTRIBUTE}, required (OpenID Connect Core 1.0, 8.1):
 * it is not derived from redirect URIs, where adding one could change every user's {@code sub}. Services
 * without it are refused at login ({@code service_misconfigured}) and get no token here (fail closed).
 * The secret is this mapper's setting, generated when left empty.
 */
public final class PairwiseSubjectMapper extends AbstractOIDCProtocolMapper
        implements OIDCAccessTokenMapper, OIDCIDTokenMapper, UserInfoTokenMapper, TokenIntrospectionTokenMapper {

    public static final String PROVIDER_ID = "dvc-pairwise-subject";
    public static final String SECRET = "pairwise.secret";
    public static final String SECTOR_ATTRIBUTE = "dvc.sector";

    /** One keyed PairwiseSubject per secret (few: one per mapper); changing a secret adds one. */
    private static final java.util.concurrent.ConcurrentMap<String, PairwiseSubject> SUBJECTS = new java.util.concurrent.ConcurrentHashMap<>();

    private static final List<ProviderConfigProperty> CONFIG = ProviderConfigurationBuilder.create()
            .property().name(SECRET).label("Secret").type(ProviderConfigProperty.PASSWORD).secret(true)
            .helpText("At least 32 characters; generated if empty. Changing it changes every service's sub.").add()
            .build();

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "DVC pairwise subject";
    }

    @Override
    public String getDisplayCategory() {
        return TOKEN_MAPPER_CATEGORY;
    }

    @Override
    public String getHelpText() {
        return "sub = HMAC(secret, sector, user id): stable per service sector, different between sectors.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG;
    }

    /** After every other mapper, so nothing writes the local id back. */
    @Override
    public int getPriority() {
        return 200;
    }

    @Override
    public void validateConfig(KeycloakSession session, RealmModel realm, ProtocolMapperContainerModel client,
                               ProtocolMapperModel mapper) throws ProtocolMapperConfigException {
        String secret = mapper.getConfig().get(SECRET);
        if (secret == null || secret.isBlank()) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            mapper.getConfig().put(SECRET, Base64.getUrlEncoder().withoutPadding().encodeToString(random));
        } else if (secret.getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new ProtocolMapperConfigException("The pairwise subject secret must be at least 32 characters.");
        }
    }

    @Override
    public IDToken transformIDToken(IDToken token, ProtocolMapperModel mapper, KeycloakSession session,
                                    UserSessionModel userSession, ClientSessionContext clientSessionCtx) {
        String subject = subject(mapper, userSession, clientSessionCtx.getClientSession().getClient());
        token.setSubject(subject);
        hideLocalName(token, subject);
        return token;
    }

    /** Keycloak's profile scope writes the username ({@code <alias>.<agency subject>}): the same for every service. */
    private static void hideLocalName(IDToken token, String subject) {
        if (token.getPreferredUsername() != null || token.getOtherClaims().containsKey("preferred_username")) {
            token.setPreferredUsername(subject);
            token.getOtherClaims().remove("preferred_username");
        }
        token.getOtherClaims().remove("upn");
    }

    @Override
    public AccessToken transformAccessToken(AccessToken token, ProtocolMapperModel mapper, KeycloakSession session,
                                            UserSessionModel userSession, ClientSessionContext clientSessionCtx) {
        String subject = subject(mapper, userSession, clientSessionCtx.getClientSession().getClient());
        token.setSubject(subject);
        hideLocalName(token, subject);
        return token;
    }

    @Override
    public AccessToken transformUserInfoToken(AccessToken token, ProtocolMapperModel mapper, KeycloakSession session,
                                              UserSessionModel userSession, ClientSessionContext clientSessionCtx) {
        String subject = subject(mapper, userSession, clientSessionCtx.getClientSession().getClient());
        token.getOtherClaims().put("sub", subject);
        token.setSubject(subject);
        hideLocalName(token, subject);
        if (token.getOtherClaims().containsKey("preferred_username")) {
            token.getOtherClaims().put("preferred_username", subject);
        }
        return token;
    }

    @Override
    public AccessToken transformIntrospectionToken(AccessToken token, ProtocolMapperModel mapper, KeycloakSession session,
                                                   UserSessionModel userSession, ClientSessionContext clientSessionCtx) {
        return transformAccessToken(token, mapper, session, userSession, clientSessionCtx);
    }

    private static String subject(ProtocolMapperModel mapper, UserSessionModel userSession, ClientModel client) {
        String secret = mapper.getConfig().get(SECRET);
        if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < 32) {
            // Fail closed: never hand out the local user id as a "pairwise" subject.
            throw new IllegalStateException("Pairwise subject mapper '" + mapper.getName() + "' has no valid secret.");
        }
        return SUBJECTS.computeIfAbsent(secret, s -> new PairwiseSubject(s.getBytes(StandardCharsets.UTF_8)))
                .of(sector(client), userSession.getUser().getId());
    }

    static String sector(ClientModel client) {
        String sector = client.getAttribute(SECTOR_ATTRIBUTE);
        if (sector == null || sector.isBlank()) {
            throw new IllegalStateException("Service '" + client.getClientId() + "' has no " + SECTOR_ATTRIBUTE
                    + ": no pairwise subject, no token.");
        }
        return sector.trim();
    }

    @Override
    protected void setClaim(IDToken token, ProtocolMapperModel mapper, UserSessionModel userSession,
                            KeycloakSession session, ClientSessionContext clientSessionCtx) {
        // sub is set by the transform methods above
    }
}
