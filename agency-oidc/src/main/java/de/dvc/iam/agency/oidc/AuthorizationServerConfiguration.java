package de.dvc.iam.agency.oidc;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.UUID;

/**
 * Spring Authorization Server as the agency's OpenID provider: the issuer set explicitly (the front end's HTTPS URL,
 * never one guessed from a request), one confidential client (DVC IAM: {@code client_secret_basic}, authorization
 * code with PKCE, scopes {@code openid profile email}, no consent page, exact redirect URI), an RSA signing key made
 * at every start (tokens do not outlive the process), the agency's staff with a form login.
 */
@Configuration(proxyBeanMethods = false)
final class AuthorizationServerConfiguration {

    /** The protocol endpoints; browsers that are not logged in go to the login form. */
    @Bean
    @Order(1)
    SecurityFilterChain protocolEndpoints(HttpSecurity http, AgencyStaff staff) throws Exception {
        OAuth2AuthorizationServerConfigurer server = new OAuth2AuthorizationServerConfigurer();
        http.securityMatcher(server.getEndpointsMatcher())
                .with(server, as -> as.oidc(oidc -> oidc
                        .providerConfigurationEndpoint(discovery -> discovery.providerConfigurationCustomizer(ReleasedClaims::advertise))
                        .userInfoEndpoint(userInfo -> userInfo.userInfoMapper(new UserInfoClaims(staff)))))
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
                        new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
        return http.build();
    }

    /** The login form; nothing else is served. */
    @Bean
    @Order(2)
    SecurityFilterChain loginForm(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests.requestMatchers("/login", "/error").permitAll().anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login"));
        return http.build();
    }

    @Bean
    AgencyStaff agencyStaff() {
        return AgencyStaff.demo();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService users(AgencyStaff staff, PasswordEncoder encoder) {
        return new InMemoryUserDetailsManager(staff.members().stream()
                .map(member -> User.withUsername(member.username()).password(encoder.encode(member.password())).roles("STAFF").build())
                .toList());
    }

    @Bean
    RegisteredClientRepository clients(AgencyOidcSettings settings, PasswordEncoder encoder) {
        AgencyOidcSettings.Client dvc = settings.client();
        RegisteredClient client = RegisteredClient.withId(UUID.nameUUIDFromBytes(dvc.id().getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString())
                .clientId(dvc.id())
                .clientName("DVC IAM")
                .clientSecret(encoder.encode(dvc.secret()))
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(dvc.redirectUri())
                .scope(OidcScopes.OPENID)
                .scope(OidcScopes.PROFILE)
                .scope(OidcScopes.EMAIL)
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                .build();
        return new InMemoryRegisteredClientRepository(client);
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(AgencyOidcSettings settings) {
        return AuthorizationServerSettings.builder().issuer(settings.issuerText()).build();
    }

    @Bean
    IdTokenClaims idTokenClaims(AgencyStaff staff) {
        return new IdTokenClaims(staff);
    }

    @Bean
    IssuerFrontEnd issuerFrontEnd(AgencyOidcSettings settings) {
        return new IssuerFrontEnd(settings.issuer());
    }

    @Bean
    JWKSource<SecurityContext> signingKey() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        RSAKey key = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey(pair.getPrivate())
                .keyID(UUID.randomUUID().toString()).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).build();
        return new ImmutableJWKSet<>(new JWKSet(key));
    }

    /** Checks the provider's own access tokens at the userinfo endpoint. */
    @Bean
    JwtDecoder jwtDecoder(JWKSource<SecurityContext> signingKey) {
        return OAuth2AuthorizationServerConfiguration.jwtDecoder(signingKey);
    }
}
