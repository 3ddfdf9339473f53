package com.phoenixidp.authserver.client;

import com.phoenixidp.authserver.config.PhoenixProperties;
import com.phoenixidp.authserver.settings.PhoenixClientSettings;
import com.phoenixidp.authserver.token.PhoenixJwsAlgorithms;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * Translates between a {@link ClientDefinition} and Spring Authorization Server's
 * {@link RegisteredClient}, with this server's fixed policy: self-contained (JWT) access tokens,
 * refresh tokens rotated on every use (OAuth 2.1 4.3.1), PKCE required for public clients,
 * RS256 client assertions; token signing algorithms, resource URIs, DPoP and PAR requirements as
 * the client chose ({@link PhoenixClientSettings}).
 */
final class RegisteredClientMapper {

    /** Client setting: an inline JWK set (JSON) for private_key_jwt; see {@link ClientJwtAssertionDecoderFactory}. */
    static final String JWKS = "settings.client.phoenix.jwks";

    /** Client setting: the OIDC Back-Channel Logout URI. */
    static final String BACKCHANNEL_LOGOUT_URI = "settings.client.phoenix.backchannel-logout-uri";

    private static final Duration DEFAULT_DEVICE_CODE_TTL = Duration.ofMinutes(5);

    private final PhoenixProperties properties;

    RegisteredClientMapper(PhoenixProperties properties) {
        this.properties = properties;
    }

    /**
     * The registered client for a validated definition: a new one (fresh internal id, issued now)
     * or {@code existing} changed to match, with the given secret hash (null: no secret).
     */
    RegisteredClient toRegisteredClient(
            ClientDefinition definition,
            @Nullable RegisteredClient existing,
            @Nullable String secretHash,
            @Nullable Instant now) {
        Set<String> methods = ClientValidator.authMethodsOf(definition);
        RegisteredClient.Builder builder = (existing != null)
                ? RegisteredClient.from(existing)
                : RegisteredClient.withId(UUID.randomUUID().toString()).clientIdIssuedAt(now);
        return builder.clientId(definition.getClientId())
                .clientName(
                        (definition.getClientName() != null) ? definition.getClientName() : definition.getClientId())
                .clientSecret(secretHash)
                .clientAuthenticationMethods((set) -> {
                    set.clear();
                    methods.forEach((m) -> set.add(ClientValidator.AUTH_METHODS.get(m)));
                })
                .authorizationGrantTypes((set) -> {
                    set.clear();
                    definition.getGrantTypes().forEach((g) -> set.add(ClientValidator.GRANT_TYPES.get(g)));
                })
                .redirectUris((set) -> {
                    set.clear();
                    set.addAll(definition.getRedirectUris());
                })
                .postLogoutRedirectUris((set) -> {
                    set.clear();
                    set.addAll(definition.getPostLogoutRedirectUris());
                })
                .scopes((set) -> {
                    set.clear();
                    set.addAll(definition.getScopes());
                })
                .clientSettings(clientSettings(definition, methods))
                .tokenSettings(tokenSettings(definition))
                .build();
    }

    private static ClientSettings clientSettings(ClientDefinition definition, Set<String> methods) {
        ClientSettings.Builder settings = ClientSettings.builder()
                .requireProofKey(definition.isRequirePkce() || methods.contains("none"))
                .requireAuthorizationConsent(definition.isRequireConsent());
        if (definition.getJwkSetUri() != null) {
            settings.jwkSetUrl(definition.getJwkSetUri());
        }
        if (definition.getJwks() != null) {
            settings.setting(JWKS, definition.getJwks().trim());
        }
        if (definition.getJwkSetUri() != null || definition.getJwks() != null) {
            settings.tokenEndpointAuthenticationSigningAlgorithm(SignatureAlgorithm.RS256);
        }
        if (definition.getTlsSubjectDn() != null) {
            settings.x509CertificateSubjectDN(definition.getTlsSubjectDn());
        }
        if (definition.getTlsSanDns() != null) {
            settings.setting(ClientCertificateVerifier.TLS_SAN_DNS, definition.getTlsSanDns());
        }
        if (definition.getTlsSanUri() != null) {
            settings.setting(ClientCertificateVerifier.TLS_SAN_URI, definition.getTlsSanUri());
        }
        if (definition.getBackchannelLogoutUri() != null) {
            settings.setting(BACKCHANNEL_LOGOUT_URI, definition.getBackchannelLogoutUri());
        }
        // Phoenix's protocol options are written only when not the default, so that a client
        // defined before they existed maps to the same settings (and is not "changed" at start-up)
        if (!definition.getResourceUris().isEmpty()) {
            settings.setting(PhoenixClientSettings.RESOURCE_URIS, String.join(" ", definition.getResourceUris()));
        }
        if (!definition.isEnabled()) {
            settings.setting(PhoenixClientSettings.ENABLED, false);
        }
        if (definition.isRequireDpop()) {
            settings.setting(PhoenixClientSettings.REQUIRE_DPOP, true);
        }
        if (definition.isRequirePushedAuthorizationRequests()) {
            settings.setting(PhoenixClientSettings.REQUIRE_PUSHED_AUTHORIZATION_REQUESTS, true);
        }
        return settings.build();
    }

    private TokenSettings tokenSettings(ClientDefinition definition) {
        PhoenixProperties.Tokens defaults = this.properties.getTokens();
        PhoenixJwsAlgorithms access = algorithm(definition.getAccessTokenSignatureAlgorithm());
        PhoenixJwsAlgorithms id = algorithm(definition.getIdTokenSignatureAlgorithm());
        TokenSettings.Builder settings = TokenSettings.builder()
                .accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
                .accessTokenTimeToLive(orDefault(definition.getAccessTokenTtl(), defaults.getAccessTokenTtl()))
                .refreshTokenTimeToLive(orDefault(definition.getRefreshTokenTtl(), defaults.getRefreshTokenTtl()))
                .reuseRefreshTokens(false)
                .authorizationCodeTimeToLive(defaults.getAuthorizationCodeTtl())
                .deviceCodeTimeToLive(orDefault(definition.getDeviceCodeTtl(), DEFAULT_DEVICE_CODE_TTL))
                // Spring's SignatureAlgorithm has no EdDSA: such ID tokens keep RS256 here and
                // name EdDSA in Phoenix's own setting, which the token customizer applies
                .idTokenSignatureAlgorithm(
                        (id == PhoenixJwsAlgorithms.EdDSA)
                                ? SignatureAlgorithm.RS256
                                : (SignatureAlgorithm) id.toJwsAlgorithm())
                .x509CertificateBoundAccessTokens(definition.isCertificateBoundTokens());
        if (id == PhoenixJwsAlgorithms.EdDSA) {
            settings.setting(PhoenixClientSettings.ID_TOKEN_SIGNATURE_ALGORITHM, id.getName());
        }
        if (access != PhoenixJwsAlgorithms.RS256) {
            settings.setting(PhoenixClientSettings.ACCESS_TOKEN_SIGNATURE_ALGORITHM, access.getName());
        }
        return settings.build();
    }

    /** A validated algorithm name; RS256 when unset. */
    private static PhoenixJwsAlgorithms algorithm(@Nullable String name) {
        return (name != null) ? PhoenixJwsAlgorithms.from(name).orElseThrow() : PhoenixJwsAlgorithms.RS256;
    }

    /** The client, disabled or enabled ({@link PhoenixClientSettings#ENABLED}), otherwise unchanged. */
    static RegisteredClient withEnabled(RegisteredClient client, boolean enabled) {
        Map<String, Object> settings = new HashMap<>(client.getClientSettings().getSettings());
        if (enabled) {
            settings.remove(PhoenixClientSettings.ENABLED);
        } else {
            settings.put(PhoenixClientSettings.ENABLED, false);
        }
        return RegisteredClient.from(client)
                .clientSettings(ClientSettings.withSettings(settings).build())
                .build();
    }

    /** What a stored client is, as a definition (never with its secret); lists sorted. */
    static ClientDefinition toDefinition(RegisteredClient client) {
        ClientDefinition definition = new ClientDefinition();
        definition.setClientId(client.getClientId());
        definition.setEnabled(PhoenixClientSettings.isEnabled(client));
        definition.setClientName(client.getClientName());
        definition.setGrantTypes(sorted(client.getAuthorizationGrantTypes().stream()
                .map(AuthorizationGrantType::getValue)
                .toList()));
        definition.setAuthMethods(sorted(client.getClientAuthenticationMethods().stream()
                .map(ClientAuthenticationMethod::getValue)
                .toList()));
        definition.setRedirectUris(sorted(client.getRedirectUris()));
        definition.setPostLogoutRedirectUris(sorted(client.getPostLogoutRedirectUris()));
        definition.setScopes(sorted(client.getScopes()));
        ClientSettings settings = client.getClientSettings();
        definition.setRequireConsent(settings.isRequireAuthorizationConsent());
        definition.setRequirePkce(settings.isRequireProofKey());
        definition.setJwkSetUri(settings.getJwkSetUrl());
        definition.setJwks(settings.getSetting(JWKS));
        definition.setTlsSubjectDn(settings.getX509CertificateSubjectDN());
        definition.setTlsSanDns(settings.getSetting(ClientCertificateVerifier.TLS_SAN_DNS));
        definition.setTlsSanUri(settings.getSetting(ClientCertificateVerifier.TLS_SAN_URI));
        definition.setBackchannelLogoutUri(settings.getSetting(BACKCHANNEL_LOGOUT_URI));
        TokenSettings tokens = client.getTokenSettings();
        definition.setCertificateBoundTokens(tokens.isX509CertificateBoundAccessTokens());
        definition.setAccessTokenTtl(tokens.getAccessTokenTimeToLive());
        definition.setRefreshTokenTtl(tokens.getRefreshTokenTimeToLive());
        definition.setDeviceCodeTtl(tokens.getDeviceCodeTimeToLive());
        definition.setResourceUris(new ArrayList<>(PhoenixClientSettings.resourceUris(client)));
        definition.setAccessTokenSignatureAlgorithm(PhoenixClientSettings.accessTokenSignatureAlgorithm(client));
        definition.setIdTokenSignatureAlgorithm(PhoenixClientSettings.idTokenSignatureAlgorithm(client));
        definition.setRequireDpop(PhoenixClientSettings.requiresDpop(client));
        definition.setRequirePushedAuthorizationRequests(
                PhoenixClientSettings.requiresPushedAuthorizationRequests(client));
        return definition;
    }

    /** Sets come back from the store in no particular order; show them sorted. */
    private static List<String> sorted(Collection<String> values) {
        return new ArrayList<>(values.stream().sorted().toList());
    }

    private static Duration orDefault(@Nullable Duration value, Duration fallback) {
        return (value != null) ? value : fallback;
    }
}
