package com.phoenixidp.authserver.par;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2PushedAuthorizationRequestAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * The pushed authorization response (RFC 9126 section 2.2): {@code 201} with {@code request_uri}
 * and {@code expires_in}, the seconds left rounded up (Spring's handler rounds down, so a URI
 * valid for 60 seconds was announced as 59); {@code Cache-Control: no-store}.
 */
final class PushedRequestResponseHandler implements AuthenticationSuccessHandler {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Clock clock;

    PushedRequestResponseHandler(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void onAuthenticationSuccess(
            HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException {
        OAuth2PushedAuthorizationRequestAuthenticationToken pushed =
                (OAuth2PushedAuthorizationRequestAuthenticationToken) authentication;
        long millis = Duration.between(this.clock.instant(), pushed.getRequestUriExpiresAt())
                .toMillis();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("request_uri", pushed.getRequestUri());
        body.put("expires_in", Math.max(0, (millis + 999) / 1000));
        response.setStatus(HttpServletResponse.SC_CREATED);
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(JSON.writeValueAsString(body));
    }
}
