package com.phoenixidp.authserver.grant;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2PushedAuthorizationRequestAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Wraps Spring Authorization Server's authorization request converter (authorization and pushed
 * authorization request endpoints) so that a parameter given more than once, such as RFC 8707's
 * {@code resource} (section 2: "may be used multiple times"), is kept as a {@code List} rather
 * than a {@code String[]}: the request is stored with the authorization as JSON, and Spring's
 * Jackson allow-list refuses to read a {@code String[]} back, which failed the code exchange.
 */
public final class ListValuedParametersConverter implements AuthenticationConverter {

    private final AuthenticationConverter delegate;

    public ListValuedParametersConverter(AuthenticationConverter delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public @Nullable Authentication convert(HttpServletRequest request) {
        Authentication converted = this.delegate.convert(request);
        if (converted instanceof OAuth2PushedAuthorizationRequestAuthenticationToken pushed
                && hasArrays(pushed.getAdditionalParameters())) {
            return new OAuth2PushedAuthorizationRequestAuthenticationToken(
                    pushed.getAuthorizationUri(),
                    pushed.getClientId(),
                    (Authentication) pushed.getPrincipal(),
                    pushed.getRedirectUri(),
                    pushed.getState(),
                    pushed.getScopes(),
                    withLists(pushed.getAdditionalParameters()));
        }
        if (converted instanceof OAuth2AuthorizationCodeRequestAuthenticationToken code
                && hasArrays(code.getAdditionalParameters())) {
            return new OAuth2AuthorizationCodeRequestAuthenticationToken(
                    code.getAuthorizationUri(),
                    code.getClientId(),
                    (Authentication) code.getPrincipal(),
                    code.getRedirectUri(),
                    code.getState(),
                    code.getScopes(),
                    withLists(code.getAdditionalParameters()));
        }
        return converted;
    }

    private static boolean hasArrays(Map<String, Object> parameters) {
        return parameters.values().stream().anyMatch(String[].class::isInstance);
    }

    private static Map<String, Object> withLists(Map<String, Object> parameters) {
        Map<String, Object> copy = new HashMap<>(parameters);
        copy.replaceAll(
                (name, value) -> (value instanceof String[] values) ? new ArrayList<>(Arrays.asList(values)) : value);
        return copy;
    }
}
