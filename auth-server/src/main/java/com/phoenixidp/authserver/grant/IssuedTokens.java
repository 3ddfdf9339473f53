package com.phoenixidp.authserver.grant;

import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.ClaimAccessor;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

/**
 * The steps Spring Authorization Server's own grant providers share (its
 * {@code OAuth2AuthenticationProviderUtils} is package-private): the authenticated client of a
 * token request, and recording a generated access token in an authorization.
 */
final class IssuedTokens {

    private static final String ERROR_URI = "https://datatracker.ietf.org/doc/html/rfc6749#section-5.2";

    private IssuedTokens() {}

    static OAuth2ClientAuthenticationToken authenticatedClient(Authentication authentication) {
        Object principal = authentication.getPrincipal();
        if (principal instanceof OAuth2ClientAuthenticationToken client && client.isAuthenticated()) {
            return client;
        }
        throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT);
    }

    static OAuth2Token generate(OAuth2TokenGenerator<? extends OAuth2Token> generator, OAuth2TokenContext context) {
        OAuth2Token token = generator.generate(context);
        if (token == null) {
            throw new OAuth2AuthenticationException(new OAuth2Error(
                    OAuth2ErrorCodes.SERVER_ERROR,
                    "The token generator failed to generate the "
                            + context.getTokenType().getValue() + ".",
                    ERROR_URI));
        }
        return token;
    }

    /** As SAS does: a Bearer token with the context's scopes, its claims kept as metadata. */
    static OAuth2AccessToken accessToken(
            OAuth2Authorization.Builder builder, OAuth2Token token, OAuth2TokenContext context) {
        OAuth2AccessToken accessToken = new OAuth2AccessToken(
                OAuth2AccessToken.TokenType.BEARER,
                token.getTokenValue(),
                token.getIssuedAt(),
                token.getExpiresAt(),
                context.getAuthorizedScopes());
        OAuth2TokenFormat format =
                context.getRegisteredClient().getTokenSettings().getAccessTokenFormat();
        builder.token(accessToken, (metadata) -> {
            if (token instanceof ClaimAccessor claims) {
                metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, claims.getClaims());
            }
            metadata.put(OAuth2Authorization.Token.INVALIDATED_METADATA_NAME, false);
            metadata.put(OAuth2TokenFormat.class.getName(), format.getValue());
        });
        return accessToken;
    }

    static Map<String, Object> none() {
        return Map.of();
    }
}
