package com.phoenixidp.authserver.grant;

import java.security.Principal;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2DeviceCodeAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.oauth2.server.authorization.token.DefaultOAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

/**
 * Adds an ID token (OIDC Core 2, generated like SAS's for the code flow: {@code sub} the user who
 * approved, {@code aud} the client, the profile/email claims of the granted scopes) to the device
 * code grant's token response (RFC 8628 section 3.5) when the user authorized {@code openid}
 * ({@link DeviceOpenIdAuthorizationProvider}); Spring Authorization Server's device code provider
 * issues none. The ID token is stored with the authorization, so a refresh issues a new one.
 */
final class DeviceIdTokens implements AuthenticationProvider {

    private static final OAuth2TokenType ID_TOKEN = new OAuth2TokenType(OidcParameterNames.ID_TOKEN);

    private final AuthenticationProvider delegate;

    private final OAuth2AuthorizationService authorizations;

    private final Supplier<OAuth2TokenGenerator<? extends OAuth2Token>> tokenGenerator;

    DeviceIdTokens(
            AuthenticationProvider delegate,
            OAuth2AuthorizationService authorizations,
            Supplier<OAuth2TokenGenerator<? extends OAuth2Token>> tokenGenerator) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.authorizations = Objects.requireNonNull(authorizations, "authorizations");
        this.tokenGenerator = Objects.requireNonNull(tokenGenerator, "tokenGenerator");
    }

    @Override
    public @Nullable Authentication authenticate(Authentication authentication) throws AuthenticationException {
        Authentication result = this.delegate.authenticate(authentication);
        if (!(authentication instanceof OAuth2DeviceCodeAuthenticationToken grant)
                || !(result instanceof OAuth2AccessTokenAuthenticationToken tokens)) {
            return result;
        }
        OAuth2Authorization authorization =
                this.authorizations.findByToken(tokens.getAccessToken().getTokenValue(), OAuth2TokenType.ACCESS_TOKEN);
        if (authorization == null || !authorization.getAuthorizedScopes().contains(OidcScopes.OPENID)) {
            return result;
        }
        OidcIdToken idToken = idToken(tokens, authorization, grant);
        this.authorizations.save(OAuth2Authorization.from(authorization)
                .token(
                        idToken,
                        (metadata) -> metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, idToken.getClaims()))
                .build());
        Map<String, Object> parameters = new HashMap<>(tokens.getAdditionalParameters());
        parameters.put(OidcParameterNames.ID_TOKEN, idToken.getTokenValue());
        return new OAuth2AccessTokenAuthenticationToken(
                tokens.getRegisteredClient(),
                (Authentication) tokens.getPrincipal(),
                tokens.getAccessToken(),
                tokens.getRefreshToken(),
                parameters);
    }

    private OidcIdToken idToken(
            OAuth2AccessTokenAuthenticationToken tokens,
            OAuth2Authorization authorization,
            OAuth2DeviceCodeAuthenticationToken grant) {
        DefaultOAuth2TokenContext context = DefaultOAuth2TokenContext.builder()
                .registeredClient(tokens.getRegisteredClient())
                .principal(authorization.getAttribute(Principal.class.getName()))
                .authorizationServerContext(AuthorizationServerContextHolder.getContext())
                .authorization(authorization)
                .authorizedScopes(authorization.getAuthorizedScopes())
                .authorizationGrantType(AuthorizationGrantType.DEVICE_CODE)
                .authorizationGrant(grant)
                .tokenType(ID_TOKEN)
                .build();
        if (!(this.tokenGenerator.get().generate(context) instanceof Jwt jwt)) {
            throw new OAuth2AuthenticationException(new OAuth2Error(
                    OAuth2ErrorCodes.SERVER_ERROR,
                    "The token generator failed to generate the ID token.",
                    "https://datatracker.ietf.org/doc/html/rfc8628#section-3.5"));
        }
        return new OidcIdToken(jwt.getTokenValue(), jwt.getIssuedAt(), jwt.getExpiresAt(), jwt.getClaims());
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return this.delegate.supports(authentication);
    }
}
