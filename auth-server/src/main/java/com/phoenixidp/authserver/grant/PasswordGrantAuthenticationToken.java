package com.phoenixidp.authserver.grant;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationGrantAuthenticationToken;

/**
 * A resource-owner password credentials access token request (RFC 6749 section 4.3.2). The
 * password is held only until {@link #eraseCredentials()}; it is never part of
 * {@link #getAdditionalParameters()} nor of {@code toString()}.
 */
public final class PasswordGrantAuthenticationToken extends OAuth2AuthorizationGrantAuthenticationToken
        implements CredentialsContainer {

    private final String username;

    private @Nullable String password;

    private final Set<String> scopes;

    public PasswordGrantAuthenticationToken(
            Authentication clientPrincipal,
            String username,
            String password,
            Set<String> scopes,
            Map<String, Object> additionalParameters) {
        super(LegacyGrantTypes.PASSWORD, clientPrincipal, additionalParameters);
        this.username = username;
        this.password = password;
        this.scopes = Collections.unmodifiableSet((scopes != null) ? new LinkedHashSet<>(scopes) : Set.of());
    }

    public String getUsername() {
        return this.username;
    }

    /** The password (RFC 6749 section 4.3.2), or {@code null} once erased. */
    public @Nullable String getPassword() {
        return this.password;
    }

    public Set<String> getScopes() {
        return this.scopes;
    }

    @Override
    public void eraseCredentials() {
        this.password = null;
    }

    @Override
    public String toString() {
        return "PasswordGrantAuthenticationToken[username=" + this.username + ", scopes=" + this.scopes + "]";
    }
}
