package com.phoenixidp.authserver.grant;

import com.phoenixidp.authserver.user.LoginThrottledException;
import com.phoenixidp.authserver.user.PhoenixUser;
import com.phoenixidp.authserver.user.UserRepository;
import java.security.Principal;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.oauth2.server.authorization.token.DefaultOAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

/**
 * The resource-owner password credentials grant (RFC 6749 section 4.3), legacy and discouraged
 * (RFC 9700 section 2.4): only for clients registered with grant type {@code password}. The
 * user's password is checked by the same authentication manager as the login page, so failed
 * attempts count towards the same throttle; users with a second factor are refused (a password
 * alone must not bypass MFA) exactly as a wrong password is. Every failure of the user's
 * credentials is {@code invalid_grant} with a generic description; an attempt refused by the
 * throttle is {@link PasswordGrantThrottledException} (429 with {@code Retry-After}, see
 * {@link ThrottledTokenErrorHandler}).
 */
public final class PasswordGrantAuthenticationProvider
        implements org.springframework.security.authentication.AuthenticationProvider {

    private static final Logger LOG = LoggerFactory.getLogger(PasswordGrantAuthenticationProvider.class);

    private static final String ERROR_URI = "https://datatracker.ietf.org/doc/html/rfc6749#section-5.2";

    private final AuthenticationManager userAuthentication;

    private final UserRepository users;

    private final OAuth2AuthorizationService authorizations;

    private final Supplier<OAuth2TokenGenerator<? extends OAuth2Token>> tokenGenerator;

    public PasswordGrantAuthenticationProvider(
            AuthenticationManager userAuthentication,
            UserRepository users,
            OAuth2AuthorizationService authorizations,
            Supplier<OAuth2TokenGenerator<? extends OAuth2Token>> tokenGenerator) {
        this.userAuthentication = Objects.requireNonNull(userAuthentication, "userAuthentication");
        this.users = Objects.requireNonNull(users, "users");
        this.authorizations = Objects.requireNonNull(authorizations, "authorizations");
        this.tokenGenerator = Objects.requireNonNull(tokenGenerator, "tokenGenerator");
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        PasswordGrantAuthenticationToken request = (PasswordGrantAuthenticationToken) authentication;
        try {
            OAuth2ClientAuthenticationToken clientPrincipal = IssuedTokens.authenticatedClient(request);
            RegisteredClient client = clientPrincipal.getRegisteredClient();
            if (!client.getAuthorizationGrantTypes().contains(LegacyGrantTypes.PASSWORD)) {
                throw new OAuth2AuthenticationException(new OAuth2Error(
                        OAuth2ErrorCodes.UNAUTHORIZED_CLIENT,
                        "The client is not allowed to use the password grant.",
                        ERROR_URI));
            }
            Set<String> scopes = authorizedScopes(client, request.getScopes());
            Authentication user = authenticateUser(request, client.getClientId());
            return issue(request, clientPrincipal, client, user, scopes);
        } finally {
            request.eraseCredentials();
        }
    }

    private static Set<String> authorizedScopes(RegisteredClient client, Set<String> requested) {
        for (String scope : requested) {
            if (!client.getScopes().contains(scope)) {
                throw new OAuth2AuthenticationException(
                        new OAuth2Error(OAuth2ErrorCodes.INVALID_SCOPE, "OAuth 2.0 Parameter: scope", ERROR_URI));
            }
        }
        Set<String> scopes = new LinkedHashSet<>(requested);
        // no ID token for this grant (OIDC does not define one): openid is not granted
        scopes.remove(org.springframework.security.oauth2.core.oidc.OidcScopes.OPENID);
        return scopes;
    }

    /** Through the login page's path: the same throttle, timing and events. */
    private Authentication authenticateUser(PasswordGrantAuthenticationToken request, String clientId) {
        PhoenixUser known = this.users.findByUsername(request.getUsername()).orElse(null);
        String password = request.getPassword();
        boolean secondFactor = known != null && known.mfa() != null && !"none".equals(known.mfa());
        if (known != null && secondFactor) {
            LOG.info(
                    "Password grant refused for user {} (client {}): account requires a second factor ({})",
                    known.username(),
                    clientId,
                    known.mfa());
            // refused like a wrong password (same answer, time and throttle), whatever the password:
            // checking it would tell by the throttle whether it was right
            password = java.util.UUID.randomUUID() + "-not-the-password";
        }
        UsernamePasswordAuthenticationToken attempt =
                UsernamePasswordAuthenticationToken.unauthenticated(request.getUsername(), password);
        // the client address (SAS's token endpoint sets web details on the grant): the per-address limit
        attempt.setDetails(request.getDetails());
        try {
            Authentication user = this.userAuthentication.authenticate(attempt);
            if (user == null || !user.isAuthenticated() || secondFactor) {
                throw invalidGrant();
            }
            return user;
        } catch (OAuth2AuthenticationException ex) {
            throw ex;
        } catch (LoginThrottledException ex) {
            LOG.info("Password grant for client {} refused: too many attempts", clientId);
            throw new PasswordGrantThrottledException(ex.retryAfter());
        } catch (AuthenticationException ex) {
            LOG.info(
                    "Password grant for client {} failed: {}",
                    clientId,
                    ex.getClass().getSimpleName());
            throw invalidGrant();
        }
    }

    private Authentication issue(
            PasswordGrantAuthenticationToken request,
            OAuth2ClientAuthenticationToken clientPrincipal,
            RegisteredClient client,
            Authentication user,
            Set<String> scopes) {
        OAuth2TokenGenerator<? extends OAuth2Token> generator = this.tokenGenerator.get();
        OAuth2Authorization.Builder authorization = OAuth2Authorization.withRegisteredClient(client)
                .principalName(user.getName())
                .authorizationGrantType(LegacyGrantTypes.PASSWORD)
                .authorizedScopes(scopes)
                .attribute(Principal.class.getName(), user);
        DefaultOAuth2TokenContext.Builder context = DefaultOAuth2TokenContext.builder()
                .registeredClient(client)
                .principal(user)
                .authorizationServerContext(AuthorizationServerContextHolder.getContext())
                .authorizedScopes(scopes)
                .authorizationGrantType(LegacyGrantTypes.PASSWORD)
                .authorizationGrant(request);
        OAuth2TokenContext accessContext =
                context.tokenType(OAuth2TokenType.ACCESS_TOKEN).build();
        OAuth2AccessToken accessToken =
                IssuedTokens.accessToken(authorization, IssuedTokens.generate(generator, accessContext), accessContext);
        OAuth2RefreshToken refreshToken = null;
        if (client.getAuthorizationGrantTypes().contains(AuthorizationGrantType.REFRESH_TOKEN)) {
            OAuth2Token generated = IssuedTokens.generate(
                    generator, context.tokenType(OAuth2TokenType.REFRESH_TOKEN).build());
            if (!(generated instanceof OAuth2RefreshToken refresh)) {
                throw new OAuth2AuthenticationException(new OAuth2Error(
                        OAuth2ErrorCodes.SERVER_ERROR,
                        "The token generator failed to generate the refresh token.",
                        ERROR_URI));
            }
            refreshToken = refresh;
            authorization.refreshToken(refreshToken);
        }
        this.authorizations.save(authorization.build());
        LOG.info("Password grant: tokens issued to client {} for user {}", client.getClientId(), user.getName());
        return new OAuth2AccessTokenAuthenticationToken(client, clientPrincipal, accessToken, refreshToken);
    }

    private static OAuth2AuthenticationException invalidGrant() {
        return new OAuth2AuthenticationException(new OAuth2Error(
                OAuth2ErrorCodes.INVALID_GRANT,
                "The username or password is incorrect, or the account cannot sign in this way.",
                ERROR_URI));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return PasswordGrantAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
