package com.phoenixidp.authserver.token;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2DeviceCode;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.OAuth2UserCode;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;

/**
 * The tokens of an {@link OAuth2Authorization} as {@link HashedTokenAuthorizationService} stores
 * them: values swapped for their hashes ({@link TokenHashes}) and back, compared and invalidated.
 */
final class AuthorizationTokens {

    static final List<Class<? extends OAuth2Token>> TYPES = List.of(
            OAuth2AuthorizationCode.class,
            OAuth2AccessToken.class,
            OidcIdToken.class,
            OAuth2RefreshToken.class,
            OAuth2UserCode.class,
            OAuth2DeviceCode.class);

    private AuthorizationTokens() {}

    /** The authorization with every token value replaced by its hash (as stored). */
    static OAuth2Authorization hashed(OAuth2Authorization authorization) {
        OAuth2Authorization.Builder builder = null;
        for (Class<? extends OAuth2Token> type : TYPES) {
            OAuth2Authorization.Token<? extends OAuth2Token> token = authorization.getToken(type);
            if (token == null || TokenHashes.isHash(token.getToken().getTokenValue())) {
                continue;
            }
            if (builder == null) {
                builder = OAuth2Authorization.from(authorization);
            }
            replace(builder, token, TokenHashes.hash(token.getToken().getTokenValue()), token.getMetadata());
        }
        return (builder != null) ? builder.build() : authorization;
    }

    /** The stored authorization with the caller's raw value put back for the token it asked about. */
    static OAuth2Authorization withRawValue(OAuth2Authorization authorization, String hash, String raw) {
        for (Class<? extends OAuth2Token> type : TYPES) {
            OAuth2Authorization.Token<? extends OAuth2Token> token = authorization.getToken(type);
            if (token != null && hash.equals(token.getToken().getTokenValue())) {
                OAuth2Authorization.Builder builder = OAuth2Authorization.from(authorization);
                replace(builder, token, raw, token.getMetadata());
                return builder.build();
            }
        }
        return authorization;
    }

    /** The (hashed) values of the six token types, in {@link #TYPES} order; null where absent. */
    static List<String> values(OAuth2Authorization hashed) {
        List<String> values = new ArrayList<>(TYPES.size());
        for (Class<? extends OAuth2Token> type : TYPES) {
            OAuth2Authorization.Token<? extends OAuth2Token> token = hashed.getToken(type);
            values.add((token != null) ? token.getToken().getTokenValue() : null);
        }
        return values;
    }

    /** The stored refresh token hash, or null. */
    static @Nullable String refreshValue(OAuth2Authorization hashed) {
        OAuth2Authorization.Token<OAuth2RefreshToken> refresh = hashed.getRefreshToken();
        return (refresh != null) ? refresh.getToken().getTokenValue() : null;
    }

    /** {@code target} with every token that is invalidated in {@code other} (same value) invalidated too. */
    static OAuth2Authorization withInvalidationsOf(OAuth2Authorization target, OAuth2Authorization other) {
        OAuth2Authorization.Builder builder = OAuth2Authorization.from(target);
        for (Class<? extends OAuth2Token> type : TYPES) {
            OAuth2Authorization.Token<? extends OAuth2Token> mine = target.getToken(type);
            OAuth2Authorization.Token<? extends OAuth2Token> theirs = other.getToken(type);
            if (mine != null
                    && theirs != null
                    && theirs.isInvalidated()
                    && !mine.isInvalidated()
                    && mine.getToken().getTokenValue().equals(theirs.getToken().getTokenValue())) {
                builder.token(mine.getToken(), (m) -> m.put(OAuth2Authorization.Token.INVALIDATED_METADATA_NAME, true));
            }
        }
        return builder.build();
    }

    /** The whole family revoked: the refresh token (with it access token and code) and the ID token. */
    static OAuth2Authorization revoked(OAuth2Authorization authorization) {
        OAuth2Authorization.Builder builder = OAuth2Authorization.from(authorization);
        if (authorization.getRefreshToken() != null) {
            builder.invalidate(authorization.getRefreshToken().getToken());
        } else if (authorization.getAccessToken() != null) {
            builder.invalidate(authorization.getAccessToken().getToken());
        }
        OAuth2Authorization.Token<OidcIdToken> idToken = authorization.getToken(OidcIdToken.class);
        if (idToken != null) {
            builder.invalidate(idToken.getToken());
        }
        OAuth2Authorization.Token<OAuth2DeviceCode> deviceCode = authorization.getToken(OAuth2DeviceCode.class);
        if (deviceCode != null) {
            builder.invalidate(deviceCode.getToken());
        }
        return builder.build();
    }

    private static void replace(
            OAuth2Authorization.Builder builder,
            OAuth2Authorization.Token<? extends OAuth2Token> token,
            String newValue,
            Map<String, Object> metadata) {
        builder.token(copyWithValue(token.getToken(), newValue), (m) -> {
            m.clear();
            m.putAll(metadata);
        });
    }

    private static OAuth2Token copyWithValue(OAuth2Token token, String value) {
        if (token instanceof OAuth2AccessToken at) {
            return new OAuth2AccessToken(at.getTokenType(), value, at.getIssuedAt(), at.getExpiresAt(), at.getScopes());
        }
        if (token instanceof OAuth2RefreshToken) {
            return new OAuth2RefreshToken(value, token.getIssuedAt(), token.getExpiresAt());
        }
        if (token instanceof OidcIdToken id) {
            return new OidcIdToken(value, id.getIssuedAt(), id.getExpiresAt(), id.getClaims());
        }
        if (token instanceof OAuth2AuthorizationCode) {
            return new OAuth2AuthorizationCode(value, token.getIssuedAt(), token.getExpiresAt());
        }
        if (token instanceof OAuth2UserCode) {
            return new OAuth2UserCode(value, token.getIssuedAt(), token.getExpiresAt());
        }
        if (token instanceof OAuth2DeviceCode) {
            return new OAuth2DeviceCode(value, token.getIssuedAt(), token.getExpiresAt());
        }
        throw new IllegalArgumentException(
                "Unsupported token type " + token.getClass().getName());
    }
}
