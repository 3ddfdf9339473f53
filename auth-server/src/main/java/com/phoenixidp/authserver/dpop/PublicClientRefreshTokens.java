package com.phoenixidp.authserver.dpop;

import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.keygen.Base64StringKeyGenerator;
import org.springframework.security.crypto.keygen.StringKeyGenerator;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * Refresh tokens of public clients (RFC 9449 section 5, OAuth 2.1 section 4.3.1): a public client
 * (SPA, device) that proved possession of a DPoP key when it exchanged its code or device code gets
 * a refresh token bound to that key (Spring Authorization Server issues none to public clients at
 * the code exchange: one is issued here, stored with the authorization whose access token carries
 * {@code cnf.jkt}); one that did not gets none, and a refresh token SAS issued anyway (device code
 * grant) is invalidated and left out of the response.
 */
final class PublicClientRefreshTokens {

    private static final Set<AuthorizationGrantType> INITIAL_GRANTS =
            Set.of(AuthorizationGrantType.AUTHORIZATION_CODE, AuthorizationGrantType.DEVICE_CODE);

    /** As Spring Authorization Server's {@code OAuth2RefreshTokenGenerator}: 96 random bytes, base64url. */
    private final StringKeyGenerator values =
            new Base64StringKeyGenerator(Base64.getUrlEncoder().withoutPadding(), 96);

    private final OAuth2AuthorizationService authorizations;

    private final Clock clock;

    PublicClientRefreshTokens(OAuth2AuthorizationService authorizations, Clock clock) {
        this.authorizations = Objects.requireNonNull(authorizations, "authorizations");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The response for a public client: with a key-bound refresh token, or without any. */
    OAuth2AccessTokenAuthenticationToken bindOrDrop(
            AuthorizationGrantType grant, OAuth2AccessTokenAuthenticationToken tokens) {
        RegisteredClient client = tokens.getRegisteredClient();
        if (!INITIAL_GRANTS.contains(grant)) {
            return tokens;
        }
        boolean bound =
                OAuth2AccessToken.TokenType.DPOP.equals(tokens.getAccessToken().getTokenType());
        boolean refreshAllowed = client.getAuthorizationGrantTypes().contains(AuthorizationGrantType.REFRESH_TOKEN);
        if (bound && refreshAllowed && tokens.getRefreshToken() == null) {
            return withRefreshToken(tokens);
        }
        if (!bound && tokens.getRefreshToken() != null) {
            return withoutRefreshToken(tokens);
        }
        return tokens;
    }

    private OAuth2AccessTokenAuthenticationToken withRefreshToken(OAuth2AccessTokenAuthenticationToken tokens) {
        OAuth2Authorization authorization = authorizationOf(tokens);
        Instant now = this.clock.instant();
        OAuth2RefreshToken refreshToken = new OAuth2RefreshToken(
                this.values.generateKey(),
                now,
                now.plus(tokens.getRegisteredClient().getTokenSettings().getRefreshTokenTimeToLive()));
        this.authorizations.save(OAuth2Authorization.from(authorization)
                .refreshToken(refreshToken)
                .build());
        return new OAuth2AccessTokenAuthenticationToken(
                tokens.getRegisteredClient(),
                (Authentication) tokens.getPrincipal(),
                tokens.getAccessToken(),
                refreshToken,
                tokens.getAdditionalParameters());
    }

    private OAuth2AccessTokenAuthenticationToken withoutRefreshToken(OAuth2AccessTokenAuthenticationToken tokens) {
        OAuth2Authorization authorization = authorizationOf(tokens);
        OAuth2Authorization.Token<OAuth2RefreshToken> refresh = authorization.getRefreshToken();
        if (refresh != null) {
            // only this token: OAuth2Authorization.Builder#invalidate would take the access token with it
            this.authorizations.save(OAuth2Authorization.from(authorization)
                    .token(
                            refresh.getToken(),
                            (metadata) -> metadata.put(OAuth2Authorization.Token.INVALIDATED_METADATA_NAME, true))
                    .build());
        }
        return new OAuth2AccessTokenAuthenticationToken(
                tokens.getRegisteredClient(),
                (Authentication) tokens.getPrincipal(),
                tokens.getAccessToken(),
                null,
                tokens.getAdditionalParameters());
    }

    private OAuth2Authorization authorizationOf(OAuth2AccessTokenAuthenticationToken tokens) {
        OAuth2Authorization authorization =
                this.authorizations.findByToken(tokens.getAccessToken().getTokenValue(), OAuth2TokenType.ACCESS_TOKEN);
        if (authorization == null) {
            throw new IllegalStateException("the authorization just saved is gone");
        }
        return authorization;
    }
}
