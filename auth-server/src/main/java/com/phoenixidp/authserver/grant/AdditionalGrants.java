package com.phoenixidp.authserver.grant;

import com.phoenixidp.authserver.config.PhoenixProperties;
import com.phoenixidp.authserver.user.UserRepository;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationConsentAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2DeviceAuthorizationRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2DeviceCodeAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2AuthorizationCodeRequestAuthenticationConverter;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The grants Phoenix adds to Spring Authorization Server through its configurer hooks: device
 * authorization (RFC 8628, with {@code slow_down}, and an ID token when {@code openid} was
 * authorized), token exchange (RFC 8693, built into SAS and
 * limited there to clients with that grant type), and the legacy password and implicit grants
 * (RFC 6749 sections 4.3 and 4.2), which only clients registered for them may use.
 */
@Component
public final class AdditionalGrants {

    /** The verification page (RFC 8628 section 3.3) where a signed-in user enters the user code. */
    public static final String DEVICE_PAGE = "/device";

    /** Grant types advertised in metadata (RFC 8414 {@code grant_types_supported}). */
    public static final List<String> GRANT_TYPES = List.of(
            AuthorizationGrantType.DEVICE_CODE.getValue(),
            AuthorizationGrantType.TOKEN_EXCHANGE.getValue(),
            LegacyGrantTypes.PASSWORD.getValue(),
            LegacyGrantTypes.IMPLICIT.getValue());

    /** Response types advertised in metadata ({@code response_types_supported}). */
    public static final List<String> RESPONSE_TYPES = List.of("code", "token");

    private final RegisteredClientRepository clients;

    private final OAuth2AuthorizationService authorizations;

    private final OAuth2AuthorizationConsentService consents;

    private final UserRepository users;

    private final ProviderManager userAuthentication;

    private final DevicePollStore polls;

    private final GrantProperties grants;

    private final PhoenixProperties phoenix;

    private final Clock clock;

    public AdditionalGrants(
            RegisteredClientRepository clients,
            OAuth2AuthorizationService authorizations,
            OAuth2AuthorizationConsentService consents,
            UserRepository users,
            @Qualifier("userAuthenticationProvider") AuthenticationProvider userAuthenticationProvider,
            ObjectProvider<AuthenticationEventPublisher> eventPublisher,
            ApplicationEventPublisher applicationEvents,
            JdbcTemplate jdbc,
            GrantProperties grants,
            PhoenixProperties phoenix,
            Clock clock) {
        this.clients = clients;
        this.authorizations = authorizations;
        this.consents = consents;
        this.users = users;
        // the login page's path: same provider, and events that the failed-login throttle counts
        this.userAuthentication = new ProviderManager(userAuthenticationProvider);
        this.userAuthentication.setAuthenticationEventPublisher(
                eventPublisher.getIfAvailable(() -> new DefaultAuthenticationEventPublisher(applicationEvents)));
        this.polls = new DevicePollStore(jdbc);
        this.grants = grants;
        this.phoenix = phoenix;
        this.clock = clock;
    }

    /** The verification URI on the issuer, e.g. {@code https://id.example.com/device}. */
    public String verificationUri() {
        return UriComponentsBuilder.fromUriString(this.phoenix.getIssuer())
                .path(DEVICE_PAGE)
                .build()
                .toUriString();
    }

    /** OIDC Discovery has no default for it; RFC 8414 metadata gets it from SAS. */
    public String deviceAuthorizationEndpoint() {
        return UriComponentsBuilder.fromUriString(this.phoenix.getIssuer())
                .path("/oauth2/device_authorization")
                .build()
                .toUriString();
    }

    /**
     * Adds the grants to the authorization server's endpoints. Spring Authorization Server keeps
     * one providers hook per endpoint, so whoever else changes the token or authorization
     * endpoint's providers passes its hook here; it runs after the grants' own changes.
     */
    public void configure(
            HttpSecurity http,
            OAuth2AuthorizationServerConfigurer as,
            Consumer<List<AuthenticationProvider>> moreTokenProviders,
            Consumer<List<AuthenticationProvider>> moreAuthorizationProviders) {
        @SuppressWarnings("unchecked")
        Supplier<OAuth2TokenGenerator<? extends OAuth2Token>> tokenGenerator =
                () -> http.getSharedObject(OAuth2TokenGenerator.class);
        ImplicitTokenIssuer implicitIssuer = new ImplicitTokenIssuer(
                this.authorizations, tokenGenerator, this.grants.getImplicitMaxAccessTokenTtl());

        as.clientAuthentication((clientAuthentication) -> clientAuthentication
                .authenticationConverter(
                        new DeviceClientAuthenticationConverter("/oauth2/device_authorization", "/oauth2/token"))
                .authenticationProvider(new DeviceClientAuthenticationProvider(this.clients)));
        as.deviceAuthorizationEndpoint((device) -> device.verificationUri(verificationUri())
                .authenticationProviders((providers) -> providers.replaceAll(
                        (provider) -> (provider instanceof OAuth2DeviceAuthorizationRequestAuthenticationProvider)
                                ? new DeviceOpenIdAuthorizationProvider(provider, this.authorizations)
                                : provider))
                .deviceAuthorizationResponseHandler(new DeviceAuthorizationResponseHandler(
                        verificationUri(), this.grants.getDevicePollInterval())));
        as.deviceVerificationEndpoint((verification) -> verification
                .consentPage("/oauth2/consent")
                .deviceVerificationResponseHandler(
                        (request, response, authentication) -> response.sendRedirect(DEVICE_PAGE + "?success"))
                .errorResponseHandler((request, response, exception) ->
                        response.sendRedirect(DEVICE_PAGE + "?error=" + errorCode(exception))));

        as.tokenEndpoint((token) -> token.accessTokenRequestConverter(new PasswordGrantAuthenticationConverter())
                .authenticationProviders((providers) -> {
                    int device = indexOf(providers, OAuth2DeviceCodeAuthenticationProvider.class);
                    providers.set(
                            device,
                            new DeviceCodeSlowDownAuthenticationProvider(
                                    new DeviceIdTokens(providers.get(device), this.authorizations, tokenGenerator),
                                    this.authorizations,
                                    this.polls,
                                    this.grants.getDevicePollInterval(),
                                    this.clock));
                    providers.add(new PasswordGrantAuthenticationProvider(
                            this.userAuthentication, this.users, this.authorizations, tokenGenerator));
                    moreTokenProviders.accept(providers);
                }));

        as.authorizationEndpoint((authorization) -> authorization
                .authorizationRequestConverters((converters) -> {
                    converters.replaceAll(
                            (converter) -> (converter instanceof OAuth2AuthorizationCodeRequestAuthenticationConverter)
                                    ? new ListValuedParametersConverter(converter)
                                    : converter);
                    converters.add(0, new ImplicitAuthorizationRequestConverter());
                })
                .authenticationProviders((providers) -> {
                    int consent = indexOf(providers, OAuth2AuthorizationConsentAuthenticationProvider.class);
                    providers.set(
                            consent,
                            new ImplicitConsentAuthenticationProvider(
                                    providers.get(consent),
                                    this.clients,
                                    this.authorizations,
                                    this.consents,
                                    implicitIssuer));
                    providers.add(
                            0,
                            new ImplicitAuthorizationAuthenticationProvider(
                                    this.clients, this.authorizations, this.consents, implicitIssuer));
                    moreAuthorizationProviders.accept(providers);
                })
                .authorizationResponseHandler(
                        new AuthorizationResponseHandler("/oauth2/consent", this.phoenix.getIssuer())));
    }

    private static int indexOf(List<AuthenticationProvider> providers, Class<?> type) {
        for (int i = 0; i < providers.size(); i++) {
            if (type.isInstance(providers.get(i))) {
                return i;
            }
        }
        throw new IllegalStateException("Spring Authorization Server has no " + type.getSimpleName() + " here");
    }

    private static String errorCode(org.springframework.security.core.AuthenticationException exception) {
        String code = (exception instanceof OAuth2AuthenticationException oauth)
                ? oauth.getError().getErrorCode()
                : "invalid_request";
        return code.matches("[a-z_]{1,40}") ? code : "invalid_request";
    }
}
