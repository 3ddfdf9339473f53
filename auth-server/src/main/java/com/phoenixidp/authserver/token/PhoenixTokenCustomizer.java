package com.phoenixidp.authserver.token;

import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Claims Phoenix adds to the JWTs it issues: {@code client_id} (RFC 9068) and, for tokens issued
 * to a signed-in user, {@code roles} in access tokens and the standard profile/email claims
 * (OIDC Core 5.1) in ID tokens when those scopes were granted.
 */
public final class PhoenixTokenCustomizer implements OAuth2TokenCustomizer<JwtEncodingContext> {

    private final TokenSubjects users;

    public PhoenixTokenCustomizer(TokenSubjects users) {
        this.users = users;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        boolean accessToken = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType());
        boolean idToken =
                OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue());
        if (accessToken) {
            context.getClaims().claim("client_id", context.getRegisteredClient().getClientId());
        }
        if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
            return;
        }
        Authentication principal = context.getPrincipal();
        if (principal == null) {
            return;
        }
        TokenSubjects.TokenSubject user = this.users.find(principal.getName()).orElse(null);
        if (user == null) {
            return;
        }
        Set<String> scopes = context.getAuthorizedScopes();
        if (accessToken) {
            // a plain ArrayList: the claims are persisted with the authorization and read back by
            // Spring Authorization Server's Jackson allow-list, which refuses List.copyOf's types
            context.getClaims().claim("roles", new java.util.ArrayList<>(user.roles()));
        }
        if (idToken) {
            if (scopes.contains(OidcScopes.PROFILE)) {
                context.getClaims().claim("preferred_username", user.username());
                context.getClaims().claim("name", (user.displayName() != null) ? user.displayName() : user.username());
            }
            if (scopes.contains(OidcScopes.EMAIL) && user.email() != null) {
                context.getClaims().claim("email", user.email());
                context.getClaims().claim("email_verified", user.emailVerified());
            }
        }
    }
}
