package com.phoenixidp.authserver.grant;

import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;

/**
 * An implicit-grant error (RFC 6749 section 4.2.2.1). With a verified {@code redirectUri} it is
 * sent to the client in the URI fragment; without one (unknown client, unregistered redirect URI)
 * the user sees an error page and is not redirected.
 */
public final class ImplicitAuthorizationException extends OAuth2AuthenticationException {

    private final @Nullable String redirectUri;

    private final @Nullable String state;

    public ImplicitAuthorizationException(OAuth2Error error, @Nullable String redirectUri, @Nullable String state) {
        super(error);
        this.redirectUri = redirectUri;
        this.state = state;
    }

    public @Nullable String getRedirectUri() {
        return this.redirectUri;
    }

    public @Nullable String getState() {
        return this.state;
    }
}
