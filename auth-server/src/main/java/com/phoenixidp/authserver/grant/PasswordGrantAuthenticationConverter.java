package com.phoenixidp.authserver.grant;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.util.StringUtils;

/**
 * Parses {@code grant_type=password} token requests (RFC 6749 section 4.3.2): {@code username},
 * {@code password} and optional {@code scope}, each at most once. Parameters come from the form
 * body only; a password in the query string is refused ({@code invalid_request}).
 */
public final class PasswordGrantAuthenticationConverter implements AuthenticationConverter {

    private static final String USERNAME = "username";

    private static final String PASSWORD = "password";

    private static final String ERROR_URI = "https://datatracker.ietf.org/doc/html/rfc6749#section-4.3.2";

    @Override
    public @Nullable Authentication convert(HttpServletRequest request) {
        if (!"POST".equals(request.getMethod())
                || !LegacyGrantTypes.PASSWORD
                        .getValue()
                        .equals(request.getParameter(OAuth2ParameterNames.GRANT_TYPE))) {
            return null;
        }
        String query = request.getQueryString();
        if (query != null && (query.contains("password=") || query.contains("username="))) {
            throw error(PASSWORD);
        }
        Map<String, String[]> parameters = request.getParameterMap();
        String username = required(parameters, USERNAME);
        String password = required(parameters, PASSWORD);
        String scope = single(parameters, OAuth2ParameterNames.SCOPE, false);
        Set<String> scopes = StringUtils.hasText(scope)
                ? new LinkedHashSet<>(Arrays.asList(scope.trim().split(" +")))
                : Set.of();
        Map<String, Object> additional = new HashMap<>();
        List<String> known = List.of(
                OAuth2ParameterNames.GRANT_TYPE,
                USERNAME,
                PASSWORD,
                OAuth2ParameterNames.SCOPE,
                OAuth2ParameterNames.CLIENT_ID,
                OAuth2ParameterNames.CLIENT_SECRET);
        parameters.forEach((name, values) -> {
            if (!known.contains(name)) {
                additional.put(name, (values.length == 1) ? values[0] : values);
            }
        });
        Authentication client = Objects.requireNonNull(
                SecurityContextHolder.getContext().getAuthentication(),
                "the token endpoint authenticates the client before the grant");
        return new PasswordGrantAuthenticationToken(client, username, password, scopes, additional);
    }

    private static String required(Map<String, String[]> parameters, String name) {
        String value = single(parameters, name, true);
        if (value == null) {
            throw error(name); // single refuses a missing one already
        }
        return value;
    }

    private static @Nullable String single(Map<String, String[]> parameters, String name, boolean required) {
        String[] values = parameters.get(name);
        if (values == null || values.length == 0) {
            if (required) {
                throw error(name);
            }
            return null;
        }
        if (values.length != 1 || (required && !StringUtils.hasText(values[0]))) {
            throw error(name);
        }
        return values[0];
    }

    private static OAuth2AuthenticationException error(String parameter) {
        return new OAuth2AuthenticationException(
                new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, "OAuth 2.0 Parameter: " + parameter, ERROR_URI));
    }
}
