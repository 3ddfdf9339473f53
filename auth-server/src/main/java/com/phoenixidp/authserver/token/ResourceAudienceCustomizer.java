package com.phoenixidp.authserver.token;

import java.util.ArrayList;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationGrantAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenExchangeAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * The {@code aud} of access tokens from RFC 8707 resource indicators: the resources of the token
 * request (RFC 8707 section 2.2), or, when it names none, those of the authorization request the
 * grant came from (authorization code, refresh token); without any, Spring Authorization Server's
 * default audience (the client id). Resources must be registered for the client, and a token
 * request may only narrow the resources the user authorized; else {@code invalid_target}. The
 * resources of a token exchange (RFC 8693 section 2.1) are resource indicators too.
 */
public final class ResourceAudienceCustomizer implements OAuth2TokenCustomizer<JwtEncodingContext> {

    @Override
    public void customize(JwtEncodingContext context) {
        if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            return;
        }
        List<String> requested = requestedAtTokenEndpoint(context.getAuthorizationGrant());
        List<String> authorized = authorizedAtAuthorizationEndpoint(context);
        ResourceIndicators.requireRegistered(context.getRegisteredClient(), requested);
        if (!authorized.isEmpty() && !authorized.containsAll(requested)) {
            // RFC 8707 2.2: the token request may only ask for a subset of the authorized resources
            throw new OAuth2AuthenticationException(new OAuth2Error(
                    ResourceIndicators.INVALID_TARGET,
                    "The resource was not part of the authorization request.",
                    "https://datatracker.ietf.org/doc/html/rfc8707#section-2.2"));
        }
        List<String> audience = !requested.isEmpty() ? requested : authorized;
        if (!audience.isEmpty()) {
            ResourceIndicators.requireRegistered(context.getRegisteredClient(), audience);
            context.getClaims().audience(new ArrayList<>(audience));
        }
    }

    private static List<String> requestedAtTokenEndpoint(Authentication grant) {
        if (grant instanceof OAuth2TokenExchangeAuthenticationToken exchange) {
            return List.copyOf(exchange.getResources());
        }
        if (grant instanceof OAuth2AuthorizationGrantAuthenticationToken token) {
            return ResourceIndicators.requested(token.getAdditionalParameters());
        }
        return List.of();
    }

    private static List<String> authorizedAtAuthorizationEndpoint(JwtEncodingContext context) {
        OAuth2Authorization authorization = context.getAuthorization();
        boolean fromAuthorizationRequest =
                AuthorizationGrantType.AUTHORIZATION_CODE.equals(context.getAuthorizationGrantType())
                        || AuthorizationGrantType.REFRESH_TOKEN.equals(context.getAuthorizationGrantType());
        if (authorization == null || !fromAuthorizationRequest) {
            return List.of();
        }
        OAuth2AuthorizationRequest request = authorization.getAttribute(OAuth2AuthorizationRequest.class.getName());
        return (request != null) ? ResourceIndicators.requested(request.getAdditionalParameters()) : List.of();
    }
}
