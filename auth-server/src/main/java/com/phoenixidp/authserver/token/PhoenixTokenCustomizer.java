package com.phoenixidp.authserver.token;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * What Phoenix adds to the JWTs it issues. Access tokens follow RFC 9068: header
 * {@code typ: at+jwt} (section 2.1, so an ID token can never pass for an access token),
 * {@code client_id} and {@code scope} as one space-separated string (section 2.2.3; Spring
 * Authorization Server writes a JSON array); {@code iss}, {@code sub}, {@code aud}, {@code exp},
 * {@code iat} and {@code jti} come from Spring Authorization Server. For tokens issued to a
 * signed-in user, access tokens carry {@code roles} and ID tokens the standard profile/email
 * claims (OIDC Core 5.1) when those scopes were granted, and the sign-in's {@code sid} and
 * {@code auth_time} ({@link SessionClaims}). ID tokens keep their {@code typ} unset. Client-credentials
 * access tokens carry {@code gty: client_credentials}: they are stateless ({@link StatelessAccessTokens}).
 */
public final class PhoenixTokenCustomizer implements OAuth2TokenCustomizer<JwtEncodingContext> {

    /** RFC 9068 section 2.1: the media type {@code application/at+jwt} without its {@code application/} prefix. */
    public static final String ACCESS_TOKEN_TYPE = "at+jwt";

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
            context.getJwsHeader().type(ACCESS_TOKEN_TYPE);
            context.getClaims().claim("client_id", context.getRegisteredClient().getClientId());
            context.getClaims().claims(PhoenixTokenCustomizer::scopeAsString);
        }
        if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
            if (accessToken) {
                // marks the token as stateless: it gets no row (StatelessAccessTokens)
                context.getClaims()
                        .claim(
                                StatelessAccessTokens.GRANT_TYPE_CLAIM,
                                AuthorizationGrantType.CLIENT_CREDENTIALS.getValue());
            }
            return;
        }
        Authentication principal = context.getPrincipal();
        if (principal == null) {
            return;
        }
        if (idToken) {
            SessionClaims.addTo(context);
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

    /** RFC 9068 section 2.2.3 (and RFC 8693 section 4.2): {@code scope} is a space-separated string. */
    static void scopeAsString(Map<String, Object> claims) {
        if (claims.get(OAuth2ParameterNames.SCOPE) instanceof Collection<?> scopes) {
            if (scopes.isEmpty()) {
                claims.remove(OAuth2ParameterNames.SCOPE);
            } else {
                claims.put(
                        OAuth2ParameterNames.SCOPE,
                        scopes.stream().map(String::valueOf).collect(Collectors.joining(" ")));
            }
        }
    }
}
