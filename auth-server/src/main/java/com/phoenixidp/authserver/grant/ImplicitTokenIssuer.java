package com.phoenixidp.authserver.grant;

import java.security.Principal;
import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.DefaultOAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

/**
 * Issues the implicit grant's access token (RFC 6749 section 4.2.2): never a refresh token, and
 * a lifetime of at most {@code phoenix.grants.implicit-max-access-token-ttl} (the client's own
 * access token TTL when shorter), since the token travels through the browser.
 */
final class ImplicitTokenIssuer {

    private final OAuth2AuthorizationService authorizations;

    private final Supplier<OAuth2TokenGenerator<? extends OAuth2Token>> tokenGenerator;

    private final Duration maxTtl;

    ImplicitTokenIssuer(
            OAuth2AuthorizationService authorizations,
            Supplier<OAuth2TokenGenerator<? extends OAuth2Token>> tokenGenerator,
            Duration maxTtl) {
        this.authorizations = authorizations;
        this.tokenGenerator = tokenGenerator;
        this.maxTtl = maxTtl;
    }

    /** Generates the token and saves it into {@code authorization} (a new or pending one). */
    OAuth2AccessToken issue(
            OAuth2Authorization.Builder authorization,
            RegisteredClient client,
            Authentication user,
            Set<String> scopes,
            Authentication grant) {
        RegisteredClient shortLived = shortLived(client);
        OAuth2TokenContext context = DefaultOAuth2TokenContext.builder()
                .registeredClient(shortLived)
                .principal(user)
                .authorizationServerContext(AuthorizationServerContextHolder.getContext())
                .authorizedScopes(scopes)
                .authorizationGrantType(LegacyGrantTypes.IMPLICIT)
                .authorizationGrant(grant)
                .tokenType(OAuth2TokenType.ACCESS_TOKEN)
                .build();
        authorization
                .principalName(user.getName())
                .authorizationGrantType(LegacyGrantTypes.IMPLICIT)
                .authorizedScopes(scopes)
                .attribute(Principal.class.getName(), user);
        OAuth2AccessToken token = IssuedTokens.accessToken(
                authorization, IssuedTokens.generate(this.tokenGenerator.get(), context), context);
        this.authorizations.save(authorization.build());
        return token;
    }

    private RegisteredClient shortLived(RegisteredClient client) {
        Duration ttl = client.getTokenSettings().getAccessTokenTimeToLive();
        if (ttl.compareTo(this.maxTtl) <= 0) {
            return client;
        }
        TokenSettings settings = TokenSettings.withSettings(
                        client.getTokenSettings().getSettings())
                .accessTokenTimeToLive(this.maxTtl)
                .build();
        return RegisteredClient.from(client).tokenSettings(settings).build();
    }
}
