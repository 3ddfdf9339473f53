package com.phoenixidp.authserver.grant;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2DeviceAuthorizationRequestAuthenticationToken;

/**
 * Lets a device ask for {@code openid} (OpenID Connect for devices, as Keycloak and Entra ID
 * offer; RFC 8628 itself is silent), which Spring Authorization Server's device authorization
 * provider refuses with {@code invalid_scope}: the request goes to that provider without
 * {@code openid} (every other check stays SAS's), and {@code openid} is then put back into the
 * requested scopes stored with the device code, so the user sees and approves it and
 * {@link DeviceIdTokens} issues an ID token. Only for clients registered with scope openid.
 */
final class DeviceOpenIdAuthorizationProvider implements AuthenticationProvider {

    private static final OAuth2TokenType DEVICE_CODE = new OAuth2TokenType(OAuth2ParameterNames.DEVICE_CODE);

    private final AuthenticationProvider delegate;

    private final OAuth2AuthorizationService authorizations;

    DeviceOpenIdAuthorizationProvider(AuthenticationProvider delegate, OAuth2AuthorizationService authorizations) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.authorizations = Objects.requireNonNull(authorizations, "authorizations");
    }

    @Override
    public @Nullable Authentication authenticate(Authentication authentication) throws AuthenticationException {
        if (!(authentication instanceof OAuth2DeviceAuthorizationRequestAuthenticationToken request)
                || !request.getScopes().contains(OidcScopes.OPENID)
                || !(request.getPrincipal() instanceof OAuth2ClientAuthenticationToken client)
                || client.getRegisteredClient() == null
                || !client.getRegisteredClient().getScopes().contains(OidcScopes.OPENID)) {
            return this.delegate.authenticate(authentication);
        }
        Set<String> others = new HashSet<>(request.getScopes());
        others.remove(OidcScopes.OPENID);
        OAuth2DeviceAuthorizationRequestAuthenticationToken withoutOpenId =
                new OAuth2DeviceAuthorizationRequestAuthenticationToken(
                        client, request.getAuthorizationUri(), others, request.getAdditionalParameters());
        OAuth2DeviceAuthorizationRequestAuthenticationToken result = Objects.requireNonNull(
                (OAuth2DeviceAuthorizationRequestAuthenticationToken) this.delegate.authenticate(withoutOpenId),
                "the device authorization provider answers the request it supports");
        OAuth2Authorization authorization =
                this.authorizations.findByToken(result.getDeviceCode().getTokenValue(), DEVICE_CODE);
        if (authorization == null) {
            throw new IllegalStateException("the device authorization just saved is gone");
        }
        this.authorizations.save(OAuth2Authorization.from(authorization)
                .attribute(OAuth2ParameterNames.SCOPE, new HashSet<>(request.getScopes()))
                .build());
        return new OAuth2DeviceAuthorizationRequestAuthenticationToken(
                client, request.getScopes(), result.getDeviceCode(), result.getUserCode());
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return this.delegate.supports(authentication);
    }
}
