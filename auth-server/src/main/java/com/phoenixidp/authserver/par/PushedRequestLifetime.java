package com.phoenixidp.authserver.par;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2PushedAuthorizationRequestAuthenticationToken;

/**
 * Gives a pushed authorization request's {@code request_uri} a short life (RFC 9126 section 2.2:
 * "short lived"; 60 seconds here, as FAPI 2.0 advises "less than 600"). Spring Authorization
 * Server fixes it at 300 seconds and encodes the expiry in the {@code request_uri} and in the
 * state it stores ({@code <random>___<epoch millis>}); its authorization endpoint then refuses the
 * URI once that instant has passed and removes it on first use. This wraps SAS's provider and
 * rewrites both to the shorter expiry.
 */
final class PushedRequestLifetime implements AuthenticationProvider {

    static final Duration LIFETIME = Duration.ofSeconds(60);

    private static final String REQUEST_URI_PREFIX = "urn:ietf:params:oauth:request_uri:";

    private static final String EXPIRY_DELIMITER = "___";

    private static final OAuth2TokenType STATE = new OAuth2TokenType(OAuth2ParameterNames.STATE);

    private final AuthenticationProvider delegate;

    private final OAuth2AuthorizationService authorizations;

    private final Clock clock;

    PushedRequestLifetime(AuthenticationProvider delegate, OAuth2AuthorizationService authorizations, Clock clock) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.authorizations = Objects.requireNonNull(authorizations, "authorizations");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public @Nullable Authentication authenticate(Authentication authentication) throws AuthenticationException {
        Authentication result = this.delegate.authenticate(authentication);
        if (!(result instanceof OAuth2PushedAuthorizationRequestAuthenticationToken pushed)
                || pushed.getRequestUri() == null) {
            return result;
        }
        String state = pushed.getRequestUri().substring(REQUEST_URI_PREFIX.length());
        int delimiter = state.lastIndexOf(EXPIRY_DELIMITER);
        OAuth2Authorization authorization = this.authorizations.findByToken(state, STATE);
        if (!pushed.getRequestUri().startsWith(REQUEST_URI_PREFIX) || delimiter < 0 || authorization == null) {
            throw new IllegalStateException("Spring Authorization Server's request_uri format has changed");
        }
        Instant expiresAt = this.clock.instant().plus(LIFETIME).truncatedTo(ChronoUnit.MILLIS);
        String shorter = state.substring(0, delimiter) + EXPIRY_DELIMITER + expiresAt.toEpochMilli();
        this.authorizations.save(OAuth2Authorization.from(authorization)
                .attribute(OAuth2ParameterNames.STATE, shorter)
                .build());
        return new OAuth2PushedAuthorizationRequestAuthenticationToken(
                pushed.getAuthorizationUri(),
                pushed.getClientId(),
                (Authentication) pushed.getPrincipal(),
                REQUEST_URI_PREFIX + shorter,
                expiresAt,
                pushed.getRedirectUri(),
                pushed.getState(),
                pushed.getScopes());
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return this.delegate.supports(authentication);
    }
}
