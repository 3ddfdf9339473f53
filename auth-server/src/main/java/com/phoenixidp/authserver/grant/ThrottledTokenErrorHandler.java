package com.phoenixidp.authserver.grant;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * The token endpoint's error response: a password grant refused by the sign-in throttle
 * ({@link PasswordGrantThrottledException}) is {@code 429 Too Many Requests} with
 * {@code Retry-After} in seconds and the RFC 6749 section 5.2 JSON body
 * {@code {"error":"invalid_grant","error_description":"too many attempts, retry later"}};
 * every other error goes to the delegate (Spring Authorization Server's 400/401 JSON).
 */
public final class ThrottledTokenErrorHandler implements AuthenticationFailureHandler {

    private final AuthenticationFailureHandler delegate;

    public ThrottledTokenErrorHandler(AuthenticationFailureHandler delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public void onAuthenticationFailure(
            HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException, ServletException {
        if (!(exception instanceof PasswordGrantThrottledException throttled)) {
            this.delegate.onAuthenticationFailure(request, response, exception);
            return;
        }
        response.setStatus(429);
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(throttled.retryAfterSeconds()));
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter()
                .write("{\"error\":\"invalid_grant\",\"error_description\":\""
                        + PasswordGrantThrottledException.DESCRIPTION + "\"}");
    }
}
