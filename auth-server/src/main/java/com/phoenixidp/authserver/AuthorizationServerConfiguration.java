package com.phoenixidp.authserver;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.phoenixidp.authserver.account.AccountWebSecurity;
import com.phoenixidp.authserver.audit.AuditLog;
import com.phoenixidp.authserver.client.CachingRegisteredClientRepository;
import com.phoenixidp.authserver.client.ClientCertificateStatus;
import com.phoenixidp.authserver.client.ClientCertificateVerifier;
import com.phoenixidp.authserver.client.ClientJwtAssertionDecoderFactory;
import com.phoenixidp.authserver.client.EnabledClientAuthentication;
import com.phoenixidp.authserver.config.AdminRequests;
import com.phoenixidp.authserver.config.HasherPasswordEncoder;
import com.phoenixidp.authserver.config.PageSecurityHeaders;
import com.phoenixidp.authserver.config.PhoenixProperties;
import com.phoenixidp.authserver.federation.FederationWebSecurity;
import com.phoenixidp.authserver.grant.AdditionalGrants;
import com.phoenixidp.authserver.grant.ImplicitAwareErrorResponseHandler;
import com.phoenixidp.authserver.grant.ThrottledTokenErrorHandler;
import com.phoenixidp.authserver.ldap.DirectoryRecheck;
import com.phoenixidp.authserver.ldap.LdapAccounts;
import com.phoenixidp.authserver.ldap.LdapAuthenticationProvider;
import com.phoenixidp.authserver.ldap.LdapDirectory;
import com.phoenixidp.authserver.ldap.LdapWebSecurity;
import com.phoenixidp.authserver.ldap.PasswordSignInProvider;
import com.phoenixidp.authserver.logout.SignOutAnnouncer;
import com.phoenixidp.authserver.observability.PhoenixMetrics;
import com.phoenixidp.authserver.observability.TimedPasswordHasher;
import com.phoenixidp.authserver.passkey.PasskeyWebSecurity;
import com.phoenixidp.authserver.passkey.SecondFactorLoginSuccessHandler;
import com.phoenixidp.authserver.passwordreset.PasswordResetController;
import com.phoenixidp.authserver.registration.ClientRegistrationController;
import com.phoenixidp.authserver.resilience.BulkheadPasswordHasher;
import com.phoenixidp.authserver.resilience.PasswordHashingBulkhead;
import com.phoenixidp.authserver.session.SignInDetailsSource;
import com.phoenixidp.authserver.token.AuditingTokenResponseHandlers;
import com.phoenixidp.authserver.token.AuthorizationErrorPageHandler;
import com.phoenixidp.authserver.token.ClientSigningCustomizer;
import com.phoenixidp.authserver.token.HashedTokenAuthorizationService;
import com.phoenixidp.authserver.token.JtiReplayCache;
import com.phoenixidp.authserver.token.PhoenixJwsAlgorithms;
import com.phoenixidp.authserver.token.PhoenixTokenCustomizer;
import com.phoenixidp.authserver.token.ResourceAudienceCustomizer;
import com.phoenixidp.authserver.token.RevokedTokens;
import com.phoenixidp.authserver.token.StatelessAccessTokens;
import com.phoenixidp.authserver.user.CalibratingPasswordHasher;
import com.phoenixidp.authserver.user.PasswordThrottle;
import com.phoenixidp.authserver.user.PhoenixUserDetailsService;
import com.phoenixidp.authserver.user.ThrottledAuthenticationProvider;
import com.phoenixidp.authserver.user.UserRepository;
import com.phoenixidp.crypto.password.PasswordHasher;
import com.phoenixidp.crypto.secret.ClientSecretHasher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.AccountStatusUserDetailsChecker;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationServerMetadata;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.JwtClientAssertionAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.X509ClientCertificateAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.oauth2.server.authorization.oidc.OidcProviderConfiguration;
import org.springframework.security.oauth2.server.authorization.oidc.web.authentication.OidcLogoutAuthenticationSuccessHandler;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.oauth2.server.authorization.web.authentication.PublicClientAuthenticationConverter;
import org.springframework.security.oauth2.server.authorization.web.authentication.X509ClientCertificateAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires Spring Authorization Server: the protocol endpoints (RFC 6749, 7636, 7662, 7009, 8414,
 * OIDC Core/Discovery/RP-Initiated Logout), their stores, client authentication, and the login,
 * consent and admin pages. It is the composition root that knows every feature package, so it
 * sits above them (beside the application class), not in {@code config}, which they all use.
 */
@Configuration(proxyBeanMethods = false)
public class AuthorizationServerConfiguration {

    /** Client authentication methods we support and advertise (RFC 8414 section 2). */
    public static final List<String> CLIENT_AUTH_METHODS =
            List.of("client_secret_basic", "client_secret_post", "private_key_jwt", "none");

    /** ... and when the server asks for TLS client certificates (RFC 8705). */
    public static final List<String> MTLS_CLIENT_AUTH_METHODS = List.of(
            "client_secret_basic",
            "client_secret_post",
            "private_key_jwt",
            "tls_client_auth",
            "self_signed_tls_client_auth",
            "none");

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain authorizationServerSecurityFilterChain(
            HttpSecurity http,
            HasherPasswordEncoder clientSecretEncoder,
            AuditingTokenResponseHandlers tokenHandlers,
            PhoenixProperties properties,
            ClientCertificateStatus certificateStatus,
            org.springframework.core.env.Environment environment,
            AuthorizationServerSettings settings,
            AdditionalGrants additionalGrants,
            AuthorizationServerExtensions extensions,
            JtiReplayCache jtis,
            Clock clock,
            PageSecurityHeaders pageHeaders,
            SignOutAnnouncer signOut,
            RegisteredClientRepository clients)
            throws Exception {
        ClientCertificateVerifier certificateVerifier = new ClientCertificateVerifier(certificateStatus);
        ClientJwtAssertionDecoderFactory assertionDecoders = new ClientJwtAssertionDecoderFactory(jtis, clock);
        String tlsClientAuth = environment.getProperty("server.ssl.client-auth", "none");
        boolean mtls = "want".equalsIgnoreCase(tlsClientAuth) || "need".equalsIgnoreCase(tlsClientAuth);
        List<String> authMethods = mtls ? MTLS_CLIENT_AUTH_METHODS : CLIENT_AUTH_METHODS;
        List<String> grantTypes = java.util.stream.Stream.concat(
                        java.util.stream.Stream.of(
                                AuthorizationGrantType.AUTHORIZATION_CODE.getValue(),
                                AuthorizationGrantType.CLIENT_CREDENTIALS.getValue(),
                                AuthorizationGrantType.REFRESH_TOKEN.getValue()),
                        AdditionalGrants.GRANT_TYPES.stream())
                .toList();
        http.oauth2AuthorizationServer((as) -> {
            http.securityMatcher(as.getEndpointsMatcher());
            as.authorizationEndpoint((endpoint) -> endpoint.consentPage("/oauth2/consent")
                    .errorResponseHandler(new ImplicitAwareErrorResponseHandler(
                            new AuthorizationErrorPageHandler(properties.getIssuer()), properties.getIssuer())));
            additionalGrants.configure(http, as, extensions::tokenProviders, extensions::authorizationProviders);
            extensions.configure(as, settings);
            // RFC 8705: a request that presents a client certificate is mutual-TLS client authentication,
            // even when it also carries a PKCE code_verifier and no secret (which would otherwise look like
            // a public client): try the certificate converter before the public-client one.
            as.clientAuthentication((clientAuth) -> clientAuth.authenticationConverters((converters) -> {
                int x509 = indexOfType(converters, X509ClientCertificateAuthenticationConverter.class);
                int publicClient = indexOfType(converters, PublicClientAuthenticationConverter.class);
                if (x509 > publicClient && publicClient >= 0) {
                    converters.add(publicClient, converters.remove(x509));
                }
            }));
            as.clientAuthentication((clientAuth) -> clientAuth.errorResponseHandler(
                    tokenHandlers.clientAuthenticationFailed(settings.getTokenEndpoint())));
            // SAS keeps one providers hook: its providers set up, then all of them (Phoenix's too) wrapped so
            // that a disabled client fails every client authentication (invalid_client)
            as.clientAuthentication((clientAuth) -> clientAuth.authenticationProviders((providers) -> {
                providers.forEach((provider) -> {
                    if (provider instanceof ClientSecretAuthenticationProvider secretProvider) {
                        secretProvider.setPasswordEncoder(clientSecretEncoder);
                    }
                    if (provider instanceof X509ClientCertificateAuthenticationProvider x509Provider) {
                        x509Provider.setCertificateVerifier(certificateVerifier);
                    }
                    if (provider instanceof JwtClientAssertionAuthenticationProvider jwtProvider) {
                        jwtProvider.setJwtDecoderFactory(assertionDecoders);
                    }
                });
                EnabledClientAuthentication.wrap(providers, clients);
            }));
            as.tokenEndpoint((token) -> token.accessTokenResponseHandler(tokenHandlers.tokenIssued())
                    .errorResponseHandler(new ThrottledTokenErrorHandler(tokenHandlers.tokenError())));
            as.tokenRevocationEndpoint((revocation) -> revocation.revocationResponseHandler(tokenHandlers.revoked()));
            as.authorizationServerMetadataEndpoint((metadata) -> metadata.authorizationServerMetadataCustomizer(
                    (builder) -> advertise(builder, grantTypes, authMethods, mtls)));
            as.oidc((oidc) -> oidc.providerConfigurationEndpoint((provider) -> provider.providerConfigurationCustomizer(
                    (builder) -> advertise(builder, grantTypes, authMethods, mtls)
                            .deviceAuthorizationEndpoint(additionalGrants.deviceAuthorizationEndpoint())
                            .scopes(replaceWith(List.of("openid", "profile", "email")))
                            .idTokenSigningAlgorithms(replaceWith(PhoenixJwsAlgorithms.NAMES))
                            .claim(
                                    "claims_supported",
                                    List.of(
                                            "sub",
                                            "iss",
                                            "aud",
                                            "exp",
                                            "iat",
                                            "auth_time",
                                            "nonce",
                                            "sid",
                                            "name",
                                            "preferred_username",
                                            "email",
                                            "email_verified")))));
            // OpenID Connect Back-Channel Logout 1.0: the session this browser ends gets its clients told
            as.oidc((oidc) -> oidc.logoutEndpoint((logout) -> logout.logoutResponseHandler(
                    signOut.rpInitiatedLogout(new OidcLogoutAuthenticationSuccessHandler()))));
        });
        http.headers(pageHeaders);
        // CORS for public (browser) clients' origins only: see PublicClientCorsConfigurationSource
        http.cors(Customizer.withDefaults());
        http.authorizeHttpRequests((authorize) -> authorize.anyRequest().authenticated())
                .exceptionHandling((exceptions) -> exceptions
                        .defaultAuthenticationEntryPointFor(
                                (request, response, exception) -> {
                                    tokenHandlers.clientAuthenticationMissing(request, settings.getTokenEndpoint());
                                    clientAuthenticationRequired(request, response, exception);
                                },
                                clientAuthenticatedEndpoints(settings))
                        .defaultAuthenticationEntryPointFor(
                                new LoginUrlAuthenticationEntryPoint("/login"), htmlRequests()))
                .oauth2ResourceServer((resourceServer) -> resourceServer.jwt(Customizer.withDefaults()));
        return http.build();
    }

    /** The endpoints only a client calls, authenticating itself (token, introspection, revocation, PAR). */
    static RequestMatcher clientAuthenticatedEndpoints(AuthorizationServerSettings settings) {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        return new OrRequestMatcher(
                paths.matcher(HttpMethod.POST, settings.getTokenEndpoint()),
                paths.matcher(HttpMethod.POST, settings.getTokenIntrospectionEndpoint()),
                paths.matcher(HttpMethod.POST, settings.getTokenRevocationEndpoint()),
                paths.matcher(HttpMethod.POST, settings.getPushedAuthorizationRequestEndpoint()));
    }

    /**
     * RFC 6749 section 5.2: a request to a client endpoint without any client authentication is
     * answered {@code 401 invalid_client} as JSON (Spring's default is a bare 401 with a Bearer
     * challenge and no body).
     */
    static void clientAuthenticationRequired(
            HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"oauth2\"");
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter()
                .write("{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed.\"}");
    }

    /** Browsers (asking for text/html explicitly) are sent to the login page; APIs get a 401. */
    static MediaTypeRequestMatcher htmlRequests() {
        MediaTypeRequestMatcher matcher = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        matcher.setIgnoredMediaTypes(java.util.Set.of(MediaType.ALL));
        return matcher;
    }

    /**
     * Admin API: bearer tokens with scope {@code phoenix.admin} (client credentials). Only requests
     * that carry a bearer token; the same paths without one are the console ({@link AdminRequests}).
     */
    @Bean
    @Order(2)
    SecurityFilterChain adminSecurityFilterChain(HttpSecurity http, PageSecurityHeaders pageHeaders) throws Exception {
        http.headers(pageHeaders);
        http.securityMatcher(AdminRequests.api())
                .authorizeHttpRequests((authorize) -> authorize.anyRequest().hasAuthority("SCOPE_phoenix.admin"))
                .sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf((csrf) -> csrf.disable())
                .oauth2ResourceServer((resourceServer) -> resourceServer.jwt(Customizer.withDefaults()));
        return http.build();
    }

    /** Pages: login, consent, account, forgotten password; form login with CSRF protection. The catch-all: always last. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    SecurityFilterChain defaultSecurityFilterChain(
            HttpSecurity http,
            SecondFactorLoginSuccessHandler passwordLoginSuccess,
            SignInDetailsSource signInDetails,
            SignOutAnnouncer signOut,
            PageSecurityHeaders pageHeaders,
            FederationWebSecurity federation)
            throws Exception {
        http.headers(pageHeaders);
        http.authorizeHttpRequests((authorize) -> authorize
                        .requestMatchers("/login", "/error", "/css/**", "/favicon.ico")
                        .permitAll()
                        .requestMatchers(PasskeyWebSecurity.PUBLIC_PATHS.toArray(String[]::new))
                        .permitAll()
                        .requestMatchers(PasswordResetController.PUBLIC_PATHS.toArray(String[]::new))
                        .permitAll()
                        .requestMatchers(AccountWebSecurity.SIGNED_IN_PATHS.toArray(String[]::new))
                        .authenticated()
                        .requestMatchers("/account", "/account/**")
                        .access(PasskeyWebSecurity.accountAccess())
                        .anyRequest()
                        .authenticated())
                .formLogin((form) -> form.loginPage("/login")
                        .failureHandler(LdapWebSecurity.loginFailureHandler())
                        .successHandler(passwordLoginSuccess)
                        .authenticationDetailsSource(signInDetails))
                .logout((logout) -> logout.logoutSuccessUrl("/login?logout").addLogoutHandler(signOut))
                // CORS preflights (OPTIONS) of the protocol endpoints land in this chain
                .cors(Customizer.withDefaults());
        // sign-in through upstream OpenID Connect providers (phoenix.federation.providers.*)
        federation.configure(http);
        return http.build();
    }

    @Bean
    RegisteredClientRepository registeredClientRepository(JdbcTemplate jdbc) {
        return new CachingRegisteredClientRepository(new JdbcRegisteredClientRepository(jdbc));
    }

    /** CSP (with the pending authorization request's client in form-action), framing, referrer. */
    @Bean
    PageSecurityHeaders pageSecurityHeaders(RegisteredClientRepository clients) {
        return new PageSecurityHeaders(clients);
    }

    @Bean
    OAuth2AuthorizationService authorizationService(
            JdbcTemplate jdbc,
            TransactionTemplate tx,
            RegisteredClientRepository clients,
            Clock clock,
            AuditLog audit,
            RevokedTokens revoked,
            JWKSource<SecurityContext> keys) {
        return new HashedTokenAuthorizationService(
                jdbc, tx, clients, clock, audit, revoked, new StatelessAccessTokens(keys, clients, revoked, clock));
    }

    @Bean
    OAuth2AuthorizationConsentService authorizationConsentService(
            JdbcTemplate jdbc, RegisteredClientRepository clients) {
        return new JdbcOAuth2AuthorizationConsentService(jdbc, clients);
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(PhoenixProperties properties) {
        return AuthorizationServerSettings.builder()
                .issuer(properties.getIssuer())
                .build();
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> tokenCustomizer(
            com.phoenixidp.authserver.token.TokenSubjects users, DirectoryRecheck directory) {
        PhoenixTokenCustomizer claims = new PhoenixTokenCustomizer(users);
        OAuth2TokenCustomizer<JwtEncodingContext> signing = new ClientSigningCustomizer();
        OAuth2TokenCustomizer<JwtEncodingContext> audience = new ResourceAudienceCustomizer();
        // first the directory re-check (it may refuse, or refresh the roles the claims carry);
        // then the client's signing algorithm (RFC 8037/7518) and RFC 8707 audience
        return (context) -> {
            directory.check(context);
            claims.customize(context);
            signing.customize(context);
            audience.customize(context);
        };
    }

    @Bean
    HasherPasswordEncoder clientSecretPasswordEncoder(ClientSecretHasher hasher) {
        return new HasherPasswordEncoder(hasher);
    }

    /**
     * The hasher for human passwords, behind the bulkhead that bounds how many hashes run at once
     * ({@code phoenix.password.hash-threads}). Primary: the client-secret hasher is a
     * {@link PasswordHasher} too (a cheap HMAC, not bulkheaded), and must never be what a plain
     * {@code PasswordHasher} injection point gets.
     */
    @Bean
    @org.springframework.context.annotation.Primary
    PasswordHasher passwordHasher(
            CalibratingPasswordHasher calibratingPasswordHasher,
            PhoenixMetrics metrics,
            PasswordHashingBulkhead bulkhead) {
        // the bulkhead outside: the timer measures hashing, not the wait for a turn
        return new BulkheadPasswordHasher(new TimedPasswordHasher(calibratingPasswordHasher, metrics), bulkhead);
    }

    /**
     * bcrypt at the configured cost, or at the cost calibrated on this host once the server is
     * ready (a bean of its own so that it hears {@code ApplicationReadyEvent}); injected only into
     * {@link #passwordHasher}, the primary one.
     */
    @Bean
    CalibratingPasswordHasher calibratingPasswordHasher(PhoenixProperties properties, SecureRandom random) {
        return new CalibratingPasswordHasher(properties.getPassword().getBcryptCost(), random);
    }

    /**
     * Password sign-in (login page and password grant): local accounts against their hash,
     * directory accounts (and unknown names, when phoenix.ldap.url is set) by an LDAP bind. The
     * password is checked before the account's status, so a disabled or locked account costs the
     * time of a wrong password (unknown users are hashed against a dummy by Spring), all behind the
     * throttle.
     */
    @Bean
    AuthenticationProvider userAuthenticationProvider(
            PhoenixUserDetailsService users,
            PasswordHasher hasher,
            PasswordThrottle throttle,
            AuditLog audit,
            UserRepository userRepository,
            LdapDirectory directory,
            LdapAccounts directoryAccounts,
            Clock clock) {
        DaoAuthenticationProvider local = new DaoAuthenticationProvider(users);
        local.setPasswordEncoder(new HasherPasswordEncoder(hasher));
        local.setUserDetailsPasswordService(users);
        local.setPreAuthenticationChecks((user) -> {});
        local.setPostAuthenticationChecks(new AccountStatusUserDetailsChecker());
        AuthenticationProvider ldap = directory.configured()
                ? new LdapAuthenticationProvider(directory, directoryAccounts, userRepository, clock, audit)
                : null;
        return new ThrottledAuthenticationProvider(
                new PasswordSignInProvider(local, ldap, userRepository, hasher), throttle, hasher, audit);
    }

    /** What we advertise in RFC 8414 metadata: only what is enabled and tested. */
    private static OAuth2AuthorizationServerMetadata.Builder advertise(
            OAuth2AuthorizationServerMetadata.Builder builder,
            List<String> grantTypes,
            List<String> authMethods,
            boolean mtls) {
        return builder.tokenEndpointAuthenticationMethods(replaceWith(authMethods))
                .tokenRevocationEndpointAuthenticationMethods(replaceWith(authMethods))
                .tokenIntrospectionEndpointAuthenticationMethods(replaceWith(authMethods))
                .grantTypes(replaceWith(grantTypes))
                .responseTypes(replaceWith(AdditionalGrants.RESPONSE_TYPES))
                .clientRegistrationEndpoint(registrationEndpoint())
                .claims((claims) -> advertisePhoenix(claims, mtls))
                .claims((claims) -> AuthorizationServerExtensions.advertise(claims, issuer()));
    }

    /** The same for OpenID Connect Discovery 1.0. */
    private static OidcProviderConfiguration.Builder advertise(
            OidcProviderConfiguration.Builder builder,
            List<String> grantTypes,
            List<String> authMethods,
            boolean mtls) {
        return builder.tokenEndpointAuthenticationMethods(replaceWith(authMethods))
                .tokenRevocationEndpointAuthenticationMethods(replaceWith(authMethods))
                .tokenIntrospectionEndpointAuthenticationMethods(replaceWith(authMethods))
                .grantTypes(replaceWith(grantTypes))
                .responseTypes(replaceWith(AdditionalGrants.RESPONSE_TYPES))
                .clientRegistrationEndpoint(registrationEndpoint())
                .claims((claims) -> advertisePhoenix(claims, mtls))
                .claims((claims) -> AuthorizationServerExtensions.advertise(claims, issuer()))
                // OpenID Connect Back-Channel Logout 1.0 section 2.1 (logout tokens carry sid and sub)
                .claim("backchannel_logout_supported", true)
                .claim("backchannel_logout_session_supported", true);
    }

    /** RFC 8705 certificate-bound tokens, and Phoenix's revocation list of JWT access tokens ({@link RevokedTokens}). */
    private static void advertisePhoenix(java.util.Map<String, Object> claims, boolean mtls) {
        claims.put("tls_client_certificate_bound_access_tokens", mtls);
        String issuer = String.valueOf(claims.get("issuer"));
        claims.put(
                "phoenix_revocation_list_endpoint",
                (issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer) + "/oauth2/revoked-tokens");
    }

    /** RFC 7591 3 / RFC 8414 2 {@code registration_endpoint}: absolute, under this request's issuer. */
    private static String registrationEndpoint() {
        return issuer() + ClientRegistrationController.PATH;
    }

    private static String issuer() {
        return AuthorizationServerContextHolder.getContext().getIssuer();
    }

    private static int indexOfType(List<?> list, Class<?> type) {
        for (int i = 0; i < list.size(); i++) {
            if (type.isInstance(list.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static java.util.function.Consumer<List<String>> replaceWith(List<String> values) {
        return (list) -> {
            list.clear();
            list.addAll(values);
        };
    }
}
