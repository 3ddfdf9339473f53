package com.phoenixidp.resourceserver.security;

import com.phoenixidp.resourceserver.token.RevokedTokenList;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Fails closed when the IdP's revocation list is stale ({@link RevokedTokenList#isUsable()}): a request
 * carrying an access token is answered {@code 503} with {@code Retry-After}, since whether its token
 * was revoked cannot be known; it is not a {@code 401}, because the token may well be valid and the
 * client should retry rather than discard it. Requests without a token are not affected.
 */
final class RevocationListFreshnessFilter extends OncePerRequestFilter {

    private final RevokedTokenList revoked;

    private final long retryAfterSeconds;

    RevocationListFreshnessFilter(RevokedTokenList revoked, Duration pollInterval) {
        this.revoked = revoked;
        this.retryAfterSeconds = Math.max(1, pollInterval.toSeconds());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getHeader(HttpHeaders.AUTHORIZATION) == null || this.revoked.isUsable()) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(this.retryAfterSeconds));
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getWriter()
                .write("{\"error\":\"token_status_unavailable\","
                        + "\"error_description\":\"The revocation status of access tokens could not be verified.\"}");
    }
}
