package com.phoenixidp.authserver.federation;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.endpoint.NimbusJwtClientAuthenticationParametersConverter;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.userinfo.DefaultOAuth2UserService;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

/**
 * Sign-in through upstream providers on the page filter chain: Spring Security's
 * {@code oauth2Login} with the authorization code flow, PKCE (RFC 7636, S256) for confidential
 * clients too, {@code state} and {@code nonce}; every call upstream with timeouts; the ID token
 * checked by {@link UpstreamTokenValidation}; the user mapped by {@link FederatedAccounts}; and
 * the upstream's tokens dropped after sign-in (never stored, never passed on to clients).
 * Nothing is added when no provider is configured.
 */
public final class FederationWebSecurity {

    private final UpstreamProviders providers;

    private final FederatedAccounts accounts;

    private final FederationLoginHandlers handlers;

    private final RestTemplate http;

    private final RestClient tokenHttp;

    private final Map<String, JWK> clientKeys = new ConcurrentHashMap<>();

    private final JwtDecoderFactory<ClientRegistration> idTokenDecoders;

    public FederationWebSecurity(
            UpstreamProviders providers,
            FederatedAccounts accounts,
            FederationLoginHandlers handlers,
            FederationProperties properties) {
        this.providers = providers;
        this.accounts = accounts;
        this.handlers = handlers;
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(properties.getConnectTimeout());
        requests.setReadTimeout(properties.getReadTimeout());
        this.http = new RestTemplate(requests);
        this.http.setErrorHandler(new OAuth2ErrorResponseErrorHandler());
        this.tokenHttp = RestClient.builder()
                .requestFactory(requests)
                .configureMessageConverters((converters) -> {
                    converters.addCustomConverter(new FormHttpMessageConverter());
                    converters.addCustomConverter(new OAuth2AccessTokenResponseHttpMessageConverter());
                })
                .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
                .build();
        this.idTokenDecoders = new UpstreamTokenValidation(this.http);
        properties.getProviders().forEach((alias, provider) -> {
            if ("private_key_jwt".equals(provider.getClientAuthentication())) {
                this.clientKeys.put(alias, clientKey(alias, provider));
            }
        });
    }

    /** Adds upstream sign-in to the page chain (when a provider is configured). */
    public void configure(HttpSecurity http) throws Exception {
        if (this.providers.isEmpty()) {
            return;
        }
        DefaultOAuth2AuthorizationRequestResolver resolver = new DefaultOAuth2AuthorizationRequestResolver(
                this.providers, OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI);
        resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());

        RestClientAuthorizationCodeTokenResponseClient tokens = new RestClientAuthorizationCodeTokenResponseClient();
        tokens.setRestClient(this.tokenHttp);
        tokens.addParametersConverter(new NimbusJwtClientAuthenticationParametersConverter<
                OAuth2AuthorizationCodeGrantRequest>(this::clientKeyOf));

        DefaultOAuth2UserService userInfo = new DefaultOAuth2UserService();
        userInfo.setRestOperations(this.http);
        OidcUserService oidcUsers = new OidcUserService();
        oidcUsers.setOauth2UserService(userInfo);

        http.oauth2Login((login) -> login.loginPage("/login")
                .clientRegistrationRepository(this.providers)
                .authorizedClientRepository(new NoUpstreamTokens())
                .authorizationEndpoint((endpoint) -> endpoint.authorizationRequestResolver(resolver))
                .tokenEndpoint((endpoint) -> endpoint.accessTokenResponseClient(tokens))
                .userInfoEndpoint((endpoint) ->
                        endpoint.oidcUserService(new FederatedUserService(oidcUsers, this.accounts, this.providers)))
                .successHandler(this.handlers.success())
                .failureHandler(this.handlers.failure())
                .withObjectPostProcessor(new ObjectPostProcessor<OAuth2AuthorizationRequestRedirectFilter>() {
                    @Override
                    public <O extends OAuth2AuthorizationRequestRedirectFilter> O postProcess(O filter) {
                        // an unknown alias or an unreachable provider: the sign-in page, not a 500
                        filter.setAuthenticationFailureHandler(FederationWebSecurity.this.handlers.failure());
                        return filter;
                    }
                }));
    }

    /** The decoder factory for upstream ID tokens (a bean: that is where oauth2Login looks for it). */
    public JwtDecoderFactory<ClientRegistration> idTokenDecoders() {
        return this.idTokenDecoders;
    }

    private @Nullable JWK clientKeyOf(ClientRegistration registration) {
        if (!ClientAuthenticationMethod.PRIVATE_KEY_JWT.equals(registration.getClientAuthenticationMethod())) {
            return null;
        }
        return this.clientKeys.get(registration.getRegistrationId());
    }

    /** The private key for private_key_jwt (RFC 7523) from its PEM file, with the configured or a thumbprint kid. */
    static JWK clientKey(String alias, FederationProperties.Provider provider) {
        String property = "phoenix.federation.providers." + alias + ".private-key-file";
        try {
            JWK key = JWK.parseFromPEMEncodedObjects(Files.readString(provider.getPrivateKeyFile()));
            if (!key.isPrivate()) {
                throw new IllegalStateException(property + ": no private key in " + provider.getPrivateKeyFile());
            }
            String kid = (provider.getKeyId() != null && !provider.getKeyId().isBlank())
                    ? provider.getKeyId()
                    : key.computeThumbprint().toString();
            if (key instanceof RSAKey rsa) {
                return new RSAKey.Builder(rsa).keyID(kid).build();
            }
            if (key instanceof ECKey ec) {
                return new ECKey.Builder(ec).keyID(kid).build();
            }
            throw new IllegalStateException(property + ": an RSA or EC key is needed");
        } catch (IOException | JOSEException ex) {
            throw new IllegalStateException(
                    property + ": cannot read a private key (" + ex.getMessage() + "); an RSA key as PKCS#8 or"
                            + " PKCS#1 PEM, an EC key with its public key (SEC1 'EC PRIVATE KEY' PEM, or PKCS#8"
                            + " followed by the 'PUBLIC KEY')",
                    ex);
        }
    }

    /** Upstream access and refresh tokens are not kept after sign-in. */
    private static final class NoUpstreamTokens implements OAuth2AuthorizedClientRepository {

        @Override
        @SuppressWarnings("TypeParameterUnusedInFormals") // the signature is OAuth2AuthorizedClientRepository's
        public <T extends org.springframework.security.oauth2.client.OAuth2AuthorizedClient> @Nullable
                T loadAuthorizedClient(
                        String registrationId,
                        org.springframework.security.core.Authentication principal,
                        jakarta.servlet.http.HttpServletRequest request) {
            return null;
        }

        @Override
        public void saveAuthorizedClient(
                org.springframework.security.oauth2.client.OAuth2AuthorizedClient client,
                org.springframework.security.core.Authentication principal,
                jakarta.servlet.http.HttpServletRequest request,
                jakarta.servlet.http.HttpServletResponse response) {}

        @Override
        public void removeAuthorizedClient(
                String registrationId,
                org.springframework.security.core.Authentication principal,
                jakarta.servlet.http.HttpServletRequest request,
                jakarta.servlet.http.HttpServletResponse response) {}
    }
}
