package com.phoenixidp.resourceserver.security;

import com.phoenixidp.resourceserver.ResourceServerProperties;
import com.phoenixidp.resourceserver.dpop.DpopTokenAuthenticator;
import com.phoenixidp.resourceserver.revocation.ClientCertificateRevocationFilter;
import com.phoenixidp.resourceserver.revocation.OcspClient;
import com.phoenixidp.resourceserver.revocation.RevocationChecker;
import com.phoenixidp.resourceserver.tls.ClientCertificateResolver;
import com.phoenixidp.resourceserver.token.AccessTokenDecoderFactory;
import com.phoenixidp.resourceserver.token.AccessTokenDecoderFactory.AccessTokenDecoders;
import com.phoenixidp.resourceserver.token.RevokedTokenList;
import java.security.KeyManagementException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.web.OAuth2ProtectedResourceMetadataFilter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.preauth.AbstractPreAuthenticatedProcessingFilter;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Request pipeline: TLS client certificate required by the connector ({@code server.ssl.client-auth=need})
 * → hard-fail revocation check of the certificate → revocation list fresh enough (else 503) → access
 * token, {@code Authorization: DPoP} with a proof (RFC 9449) or {@code Authorization: Bearer} (RFC 6750)
 * → scope/role rules (RBAC). Errors answer 401 {@code invalid_token} / {@code invalid_dpop_proof} and
 * 403 {@code insufficient_scope} with {@code Bearer} and {@code DPoP} challenges ({@link AccessTokenChallenges}).
 * <p>
 * The resource-server pieces are wired here rather than through {@code oauth2ResourceServer()}, whose
 * built-in DPoP filter cannot be replaced: tokens of both schemes go through the same decoders
 * ({@link AccessTokenDecoderFactory}) and the same authorities.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    private static final FastPathHeaders.HeaderBearerTokenResolver BEARER_TOKENS =
            new FastPathHeaders.HeaderBearerTokenResolver();

    @Bean
    SecurityFilterChain apiSecurity(
            HttpSecurity http,
            ClientCertificateResolver certificates,
            RevocationChecker revocation,
            AccessTokenDecoders decoders,
            ObjectProvider<RevokedTokenList> revokedTokens,
            ResourceServerProperties properties)
            throws Exception {
        ResourceServerProperties.Dpop dpop = properties.dpop();
        AccessTokenChallenges challenges = new AccessTokenChallenges(dpop.enabled() ? dpop.algorithms() : List.of());
        Converter<Jwt, AbstractAuthenticationToken> authentication = authenticationConverter();
        JwtAuthenticationProvider bearerTokens = new JwtAuthenticationProvider(decoders.bearer());
        bearerTokens.setJwtAuthenticationConverter(authentication);
        BearerTokenAuthenticationFilter bearer =
                new BearerTokenAuthenticationFilter(new ProviderManager(bearerTokens), (request) -> {
                    String token = BEARER_TOKENS.resolve(request);
                    return (token != null) ? new BearerTokenAuthenticationToken(token) : null;
                });
        bearer.setAuthenticationEntryPoint(challenges);
        http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .securityContext((context) -> context.requireExplicitSave(true))
                .addFilterBefore(
                        new ClientCertificateRevocationFilter(certificates, revocation),
                        BearerTokenAuthenticationFilter.class);
        RevokedTokenList revoked = revokedTokens.getIfAvailable();
        if (revoked != null) {
            http.addFilterBefore(
                    new RevocationListFreshnessFilter(
                            revoked, properties.revocationList().interval()),
                    BearerTokenAuthenticationFilter.class);
        }
        if (dpop.enabled()) {
            http.addFilterBefore(
                    new DpopAuthenticationFilter(
                            DpopTokenAuthenticator.create(dpop, decoders.dpop(), Clock.systemUTC()),
                            authentication,
                            challenges,
                            dpop.externalUrl()),
                    BearerTokenAuthenticationFilter.class);
        }
        http.addFilter(bearer)
                .addFilterBefore(protectedResourceMetadata(properties), AbstractPreAuthenticatedProcessingFilter.class)
                .exceptionHandling((exceptions) ->
                        exceptions.authenticationEntryPoint(challenges).accessDeniedHandler(challenges))
                .authorizeHttpRequests((requests) -> requests.requestMatchers(
                                HttpMethod.GET, "/api/items", "/api/orders", "/api/chain")
                        .hasAuthority("SCOPE_api.read")
                        .requestMatchers(HttpMethod.POST, "/api/items", "/api/orders")
                        .hasAuthority("SCOPE_api.write")
                        .requestMatchers("/api/admin/**")
                        .hasRole("admin")
                        .requestMatchers("/actuator/health")
                        .permitAll()
                        .anyRequest()
                        .authenticated());
        return http.build();
    }

    /** RFC 9728 {@code /.well-known/oauth-protected-resource}: the IdP, both schemes, certificate binding. */
    private static OAuth2ProtectedResourceMetadataFilter protectedResourceMetadata(
            ResourceServerProperties properties) {
        OAuth2ProtectedResourceMetadataFilter metadata = new OAuth2ProtectedResourceMetadataFilter();
        metadata.setProtectedResourceMetadataCustomizer((builder) -> {
            builder.authorizationServer(properties.issuer().toString()).tlsClientCertificateBoundAccessTokens(true);
            if (properties.dpop().enabled()) {
                builder.claim(
                        "dpop_signing_alg_values_supported", properties.dpop().algorithms());
            }
        });
        return metadata;
    }

    /** The strict firewall with its header-value rule implemented without a regex (see {@link FastPathHeaders}). */
    @Bean
    WebSecurityCustomizer firewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderValues(FastPathHeaders.HEADER_VALUE);
        return (web) -> web.httpFirewall(firewall);
    }

    /** No per-filter observations of the security chain (HTTP server metrics stay); they cost more than the checks. */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /** Scopes ({@code scope}, JSON array or space-separated string) → {@code SCOPE_x}; {@code roles} → {@code ROLE_x}. */
    static Converter<Jwt, AbstractAuthenticationToken> authenticationConverter() {
        JwtGrantedAuthoritiesConverter scopes = new JwtGrantedAuthoritiesConverter();
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName("roles");
        roles.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter((jwt) -> {
            Collection<GrantedAuthority> authorities = new ArrayList<>(scopes.convert(jwt));
            if (jwt.hasClaim("roles")) {
                authorities.addAll(roles.convert(jwt));
            }
            return authorities;
        });
        return converter;
    }

    @Bean
    AccessTokenDecoders accessTokenDecoders(
            ResourceServerProperties properties,
            SslBundles bundles,
            ClientCertificateResolver certificates,
            ObjectProvider<RevokedTokenList> revokedTokens) {
        return AccessTokenDecoderFactory.create(
                properties,
                trustOnly(bundles.getBundle(properties.trustBundle())),
                certificates,
                revokedTokens.getIfAvailable());
    }

    /** The IdP's revocation list, polled from startup; absent when {@code revocation-list.enabled=false}. */
    @Bean(initMethod = "start", destroyMethod = "close")
    @ConditionalOnProperty(
            name = "phoenix.resource.revocation-list.enabled",
            havingValue = "true",
            matchIfMissing = true)
    @Nullable
    RevokedTokenList revokedTokenList(ResourceServerProperties properties, SslBundles bundles) {
        return AccessTokenDecoderFactory.revocationList(
                properties, trustOnly(bundles.getBundle(properties.trustBundle())));
    }

    @Bean
    RevocationChecker revocationChecker(ResourceServerProperties properties, SslBundles bundles) {
        SslBundle bundle = bundles.getBundle(properties.trustBundle());
        OcspClient ocsp = new OcspClient(trustOnly(bundle), properties.revocationTimeout(), Clock.systemUTC());
        return new RevocationChecker(
                ocsp,
                trustedCertificates(bundle),
                properties.ocspUrl(),
                properties.revocationCache(),
                Clock.systemUTC());
    }

    /** An SSL context that verifies servers against the bundle's trust store and presents no client certificate. */
    static SSLContext trustOnly(SslBundle bundle) {
        try {
            SSLContext context = SSLContext.getInstance(bundle.getProtocol());
            context.init(null, bundle.getManagers().getTrustManagers(), null);
            return context;
        } catch (NoSuchAlgorithmException | KeyManagementException ex) {
            throw new IllegalStateException("Cannot build TLS context from SSL bundle", ex);
        }
    }

    private static List<X509Certificate> trustedCertificates(SslBundle bundle) {
        KeyStore store = bundle.getStores().getTrustStore();
        if (store == null) {
            return List.of();
        }
        try {
            List<X509Certificate> certificates = new ArrayList<>();
            for (String alias : Collections.list(store.aliases())) {
                Certificate certificate = store.getCertificate(alias);
                Stream.ofNullable(certificate)
                        .filter(X509Certificate.class::isInstance)
                        .map(X509Certificate.class::cast)
                        .forEach(certificates::add);
            }
            return certificates;
        } catch (KeyStoreException ex) {
            throw new IllegalStateException("Cannot read the trust store of the SSL bundle", ex);
        }
    }
}
