package com.phoenixidp.samples.webapp;

import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientProperties;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientPropertiesMapper;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.AuthorizationCodeOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.DelegatingOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.RefreshTokenOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.endpoint.AbstractOAuth2AuthorizationGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.RestClientRefreshTokenTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

/**
 * oauth2Login with PKCE, RP-initiated logout, and an authorized-client manager that refreshes
 * silently; optionally over mutual TLS ({@code phoenix.client-tls.bundle}, see {@link ClientTls}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OAuth2ClientProperties.class)
class SecurityConfiguration {

    /**
     * The client certificate and trusted CA, from the SSL bundle named by
     * {@code phoenix.client-tls.bundle} (e.g. {@code spring.ssl.bundle.pem.client.*}); none if unset.
     */
    @Bean
    ClientTls clientTls(SslBundles bundles, @Value("${phoenix.client-tls.bundle:}") String bundle) {
        return bundle.isBlank()
                ? ClientTls.none()
                : ClientTls.of(bundles.getBundle(bundle).createSslContext());
    }

    /**
     * The client registrations from Spring Boot's {@code spring.security.oauth2.client.*} properties,
     * as Spring Boot itself would build them, but only after {@link ClientTls} has set up the trust
     * for the issuer's discovery document (read here, at start-up).
     */
    @Bean
    InMemoryClientRegistrationRepository clientRegistrationRepository(
            OAuth2ClientProperties properties, ClientTls clientTls) {
        List<ClientRegistration> registrations = new ArrayList<>();
        for (ClientRegistration registration : new OAuth2ClientPropertiesMapper(properties)
                .asClientRegistrations()
                .values()) {
            registrations.add(registration);
        }
        return new InMemoryClientRegistrationRepository(registrations);
    }

    @Bean
    SecurityFilterChain securityFilterChain(
            HttpSecurity http, ClientRegistrationRepository registrations, ClientTls clientTls) {
        // PKCE (RFC 7636) for this confidential client too, as OAuth 2.1 and RFC 9700 recommend
        // (Spring Security adds it by itself only for public clients)
        DefaultOAuth2AuthorizationRequestResolver authorizationRequests = new DefaultOAuth2AuthorizationRequestResolver(
                registrations, OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI);
        authorizationRequests.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());

        // OpenID Connect RP-Initiated Logout: end the IdP session too, then come back to the home page
        OidcClientInitiatedLogoutSuccessHandler logout = new OidcClientInitiatedLogoutSuccessHandler(registrations);
        logout.setPostLogoutRedirectUri("{baseUrl}/");

        http.authorizeHttpRequests((authorize) -> authorize
                        .requestMatchers("/", "/error", "/favicon.ico", "/app.css")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .oauth2Login((login) -> {
                    login.authorizationEndpoint(
                            (endpoint) -> endpoint.authorizationRequestResolver(authorizationRequests));
                    if (clientTls.enabled()) {
                        // the code for tokens over mutual TLS: tls_client_auth (RFC 8705), client_id in the body
                        RestClientAuthorizationCodeTokenResponseClient tokens =
                                new RestClientAuthorizationCodeTokenResponseClient();
                        tokens.setRestClient(tokenEndpointClient(clientTls));
                        tokens.setParametersConverter(SecurityConfiguration::tlsClientAuthParameters);
                        login.tokenEndpoint((endpoint) -> endpoint.accessTokenResponseClient(tokens));
                    }
                })
                .logout((logoutConfig) -> logoutConfig.logoutSuccessHandler(logout));
        return http.build();
    }

    /**
     * The client authentication of a token request when the client authenticates with its TLS
     * certificate (tls_client_auth, RFC 8705 section 2): {@code client_id} in the body, no secret.
     * Spring Security's token response clients send only the client_secret_* and none methods by
     * themselves and refuse others unless a parameters converter is set; this one is added to
     * their default parameters (grant type, code or refresh token, redirect URI, PKCE verifier).
     */
    private static MultiValueMap<String, String> tlsClientAuthParameters(
            AbstractOAuth2AuthorizationGrantRequest request) {
        MultiValueMap<String, String> parameters = new LinkedMultiValueMap<>();
        ClientRegistration client = request.getClientRegistration();
        if (ClientAuthenticationMethod.TLS_CLIENT_AUTH.equals(client.getClientAuthenticationMethod())) {
            parameters.set(OAuth2ParameterNames.CLIENT_ID, client.getClientId());
        }
        return parameters;
    }

    /** What Spring Security's token response clients use by default, over the client certificate. */
    private static RestClient tokenEndpointClient(ClientTls clientTls) {
        return RestClient.builder()
                .requestFactory(clientTls.requestFactory())
                .configureMessageConverters((converters) -> converters
                        .addCustomConverter(new FormHttpMessageConverter())
                        .addCustomConverter(new OAuth2AccessTokenResponseHttpMessageConverter()))
                .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
                .build();
    }

    /**
     * Gives the controller a valid access token: the one from sign-in while it is fresh, else a new
     * one obtained with the refresh token, without the user noticing (silent refresh).
     */
    @Bean
    OAuth2AuthorizedClientManager authorizedClientManager(
            ClientRegistrationRepository registrations,
            OAuth2AuthorizedClientRepository authorizedClients,
            ApplicationEventPublisher events,
            ClientTls clientTls) {
        RefreshTokenOAuth2AuthorizedClientProvider refresh = new RefreshTokenOAuth2AuthorizedClientProvider();
        if (clientTls.enabled()) {
            // refresh over mutual TLS too: the IdP binds the new access token to the same certificate
            RestClientRefreshTokenTokenResponseClient tokens = new RestClientRefreshTokenTokenResponseClient();
            tokens.setRestClient(tokenEndpointClient(clientTls));
            tokens.setParametersConverter(SecurityConfiguration::tlsClientAuthParameters);
            refresh.setAccessTokenResponseClient(tokens);
        }
        // publishes OAuth2AuthorizedClientRefreshedEvent: oauth2Login's listener then replaces the
        // signed-in OidcUser with the refreshed ID token (validated), which RP-initiated logout sends
        // as id_token_hint
        refresh.setApplicationEventPublisher(events);
        OAuth2AuthorizedClientProvider provider = new DelegatingOAuth2AuthorizedClientProvider(
                new AuthorizationCodeOAuth2AuthorizedClientProvider(), refresh);
        DefaultOAuth2AuthorizedClientManager manager =
                new DefaultOAuth2AuthorizedClientManager(registrations, authorizedClients);
        manager.setAuthorizedClientProvider(provider);
        return manager;
    }
}
