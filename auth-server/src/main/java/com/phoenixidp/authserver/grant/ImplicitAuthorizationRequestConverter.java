package com.phoenixidp.authserver.grant;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.util.StringUtils;

/**
 * Parses implicit-grant authorization requests: {@code GET} with {@code response_type=token}
 * (RFC 6749 section 4.2.1). Any other request is left to Spring Authorization Server's converters
 * (which answer {@code unsupported_response_type} for response types other than {@code code}).
 */
public final class ImplicitAuthorizationRequestConverter implements AuthenticationConverter {

    private static final String ERROR_URI = "https://datatracker.ietf.org/doc/html/rfc6749#section-4.2.2.1";

    @Override
    public @Nullable Authentication convert(HttpServletRequest request) {
        if (!"GET".equals(request.getMethod())) {
            return null;
        }
        String[] responseTypes = request.getParameterValues(OAuth2ParameterNames.RESPONSE_TYPE);
        if (responseTypes == null || responseTypes.length != 1 || !"token".equals(responseTypes[0])) {
            return null;
        }
        String clientId = single(request, OAuth2ParameterNames.CLIENT_ID, null, null);
        if (!StringUtils.hasText(clientId)) {
            throw new ImplicitAuthorizationException(error(OAuth2ParameterNames.CLIENT_ID), null, null);
        }
        String redirectUri = single(request, OAuth2ParameterNames.REDIRECT_URI, null, null);
        String state = single(request, OAuth2ParameterNames.STATE, null, null);
        String scope = single(request, OAuth2ParameterNames.SCOPE, null, state);
        Set<String> scopes = StringUtils.hasText(scope)
                ? new LinkedHashSet<>(Arrays.asList(scope.trim().split(" +")))
                : Set.of();
        Authentication principal = SecurityContextHolder.getContext().getAuthentication();
        return new ImplicitAuthorizationAuthenticationToken(clientId, principal, redirectUri, state, scopes);
    }

    /** A parameter given at most once; a repeated one is invalid_request (RFC 6749 section 3.1). */
    private static @Nullable String single(
            HttpServletRequest request, String name, @Nullable String redirectUri, @Nullable String state) {
        String[] values = request.getParameterValues(name);
        if (values == null || values.length == 0) {
            return null;
        }
        if (values.length != 1) {
            throw new ImplicitAuthorizationException(error(name), redirectUri, state);
        }
        return values[0];
    }

    private static OAuth2Error error(String parameter) {
        return new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, "OAuth 2.0 Parameter: " + parameter, ERROR_URI);
    }
}
