package com.phoenixidp.authserver.grant;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * An implicit-grant authorization request ({@code response_type=token}, RFC 6749 section 4.2.1)
 * and its result: either the access token for the redirect URI fragment (section 4.2.2) or, when
 * the user must consent first, the {@code state} of the pending authorization.
 */
public final class ImplicitAuthorizationAuthenticationToken extends AbstractAuthenticationToken {

    private final String clientId;

    private final @Nullable Authentication principal;

    private final @Nullable String redirectUri;

    private final @Nullable String state;

    private final Set<String> scopes;

    private final @Nullable OAuth2AccessToken accessToken;

    private final @Nullable String consentState;

    /** A request, as parsed from HTTP. */
    public ImplicitAuthorizationAuthenticationToken(
            String clientId,
            @Nullable Authentication principal,
            @Nullable String redirectUri,
            @Nullable String state,
            Set<String> scopes) {
        this(clientId, principal, redirectUri, state, scopes, null, null);
    }

    private ImplicitAuthorizationAuthenticationToken(
            String clientId,
            @Nullable Authentication principal,
            @Nullable String redirectUri,
            @Nullable String state,
            Set<String> scopes,
            @Nullable OAuth2AccessToken accessToken,
            @Nullable String consentState) {
        super(List.of());
        this.clientId = clientId;
        this.principal = principal;
        this.redirectUri = redirectUri;
        this.state = state;
        this.scopes = Collections.unmodifiableSet((scopes != null) ? new LinkedHashSet<>(scopes) : Set.of());
        this.accessToken = accessToken;
        this.consentState = consentState;
        setAuthenticated(accessToken != null || consentState != null);
    }

    /** The result carrying an access token for {@code redirectUri}. */
    static ImplicitAuthorizationAuthenticationToken issued(
            String clientId,
            Authentication principal,
            String redirectUri,
            @Nullable String state,
            OAuth2AccessToken accessToken) {
        return new ImplicitAuthorizationAuthenticationToken(
                clientId, principal, redirectUri, state, accessToken.getScopes(), accessToken, null);
    }

    /** The result asking the user's consent for the pending authorization with this state. */
    static ImplicitAuthorizationAuthenticationToken consentRequired(
            String clientId, Authentication principal, Set<String> scopes, String consentState) {
        return new ImplicitAuthorizationAuthenticationToken(
                clientId, principal, null, null, scopes, null, consentState);
    }

    public String getClientId() {
        return this.clientId;
    }

    @Override
    public @Nullable Object getPrincipal() {
        return this.principal;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    public @Nullable String getRedirectUri() {
        return this.redirectUri;
    }

    public @Nullable String getState() {
        return this.state;
    }

    public Set<String> getScopes() {
        return this.scopes;
    }

    public @Nullable OAuth2AccessToken getAccessToken() {
        return this.accessToken;
    }

    public @Nullable String getConsentState() {
        return this.consentState;
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
