package com.phoenixidp.resourceserver.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.resource.BearerTokenError;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * The {@code WWW-Authenticate} challenges of this API (RFC 6750 section 3, RFC 9449 section 7.1):
 * one for each accepted scheme, {@code Bearer} and (when enabled) {@code DPoP algs="…"}, as separate
 * header fields; the error ({@code invalid_token}, {@code invalid_dpop_proof},
 * {@code insufficient_scope}, …) is carried by the challenge of the scheme the request used, the
 * other challenge tells the client what else would be accepted. No body; 401, 400 for
 * {@code invalid_request}, 403 for {@code insufficient_scope}.
 */
final class AccessTokenChallenges implements AuthenticationEntryPoint, AccessDeniedHandler {

    static final String BEARER = "Bearer";

    static final String DPOP = "DPoP";

    private static final String RFC6750 = "https://tools.ietf.org/html/rfc6750#section-3.1";

    private final List<String> dpopAlgorithms;

    /** @param dpopAlgorithms accepted DPoP proof algorithms; empty when DPoP is off (no DPoP challenge) */
    AccessTokenChallenges(List<String> dpopAlgorithms) {
        this.dpopAlgorithms = List.copyOf(dpopAlgorithms);
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex) {
        OAuth2Error error = (ex instanceof OAuth2AuthenticationException oauth) ? oauth.getError() : null;
        HttpStatus status = HttpStatus.UNAUTHORIZED;
        if (error instanceof BearerTokenError bearerError) {
            status = bearerError.getHttpStatus();
        } else if (error != null && OAuth2ErrorCodes.INVALID_REQUEST.equals(error.getErrorCode())) {
            status = HttpStatus.BAD_REQUEST;
        }
        challenge(request, response, status, error);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex) {
        challenge(
                request,
                response,
                HttpStatus.FORBIDDEN,
                new OAuth2Error(
                        OAuth2ErrorCodes.INSUFFICIENT_SCOPE,
                        "The request requires higher privileges than provided by the access token.",
                        RFC6750));
    }

    private void challenge(
            HttpServletRequest request, HttpServletResponse response, HttpStatus status, @Nullable OAuth2Error error) {
        boolean dpopUsed = DPOP.equals(schemeOf(request)) && !this.dpopAlgorithms.isEmpty();
        String bearer = challenge(BEARER, dpopUsed ? null : error, Map.of());
        List<String> challenges = new ArrayList<>();
        challenges.add(bearer);
        if (!this.dpopAlgorithms.isEmpty()) {
            String dpop =
                    challenge(DPOP, dpopUsed ? error : null, Map.of("algs", String.join(" ", this.dpopAlgorithms)));
            challenges.add(dpopUsed ? 0 : 1, dpop);
        }
        response.setStatus(status.value());
        for (String challenge : challenges) {
            response.addHeader(HttpHeaders.WWW_AUTHENTICATE, challenge);
        }
    }

    private static String challenge(String scheme, @Nullable OAuth2Error error, Map<String, String> extra) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (error != null) {
            parameters.put("error", error.getErrorCode());
            if (error.getDescription() != null) {
                parameters.put("error_description", error.getDescription());
            }
            if (error.getUri() != null) {
                parameters.put("error_uri", error.getUri());
            }
        }
        parameters.putAll(extra);
        StringBuilder out = new StringBuilder(scheme);
        String separator = " ";
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            out.append(separator)
                    .append(parameter.getKey())
                    .append("=\"")
                    .append(quoted(parameter.getValue()))
                    .append('"');
            separator = ", ";
        }
        return out.toString();
    }

    /** RFC 9110 5.6.4 quoted-string: backslash-escape {@code "} and {@code \}; drop control characters. */
    private static String quoted(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c >= 0x20 && c != 0x7f) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The authentication scheme of the request's {@code Authorization} header, or {@code null}. */
    static @Nullable String schemeOf(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null) {
            return null;
        }
        if (authorization.regionMatches(true, 0, DPOP + " ", 0, DPOP.length() + 1)) {
            return DPOP;
        }
        if (authorization.regionMatches(true, 0, BEARER + " ", 0, BEARER.length() + 1)) {
            return BEARER;
        }
        return null;
    }
}
