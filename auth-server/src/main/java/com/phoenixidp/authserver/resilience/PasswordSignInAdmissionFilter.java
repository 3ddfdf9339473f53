package com.phoenixidp.authserver.resilience;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a password sign-in while the {@link PasswordHashingBulkhead} is full, before any other
 * work is spent on it: no session is loaded or saved, no client authenticated, no user looked up.
 * Under a flood every refused sign-in is then cheap, so the refusals themselves do not take the
 * processors the token endpoint's other requests need. The bulkhead still has the last word (a
 * request let through here can find it full a moment later); this is only the early answer.
 * Password sign-ins are {@code POST /login} and {@code grant_type=password} at the token endpoint.
 */
public final class PasswordSignInAdmissionFilter extends OncePerRequestFilter {

    private final PasswordHashingBulkhead bulkhead;

    private final String tokenEndpoint;

    private final UnavailabilityLog log;

    public PasswordSignInAdmissionFilter(
            PasswordHashingBulkhead bulkhead, String tokenEndpoint, UnavailabilityLog log) {
        this.bulkhead = Objects.requireNonNull(bulkhead, "bulkhead");
        this.tokenEndpoint = Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
        this.log = Objects.requireNonNull(log, "log");
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (!"POST".equals(request.getMethod())) {
            return true;
        }
        String path = ErrorAnswers.path(request);
        return !path.equals("/login") && !path.equals(this.tokenEndpoint);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!this.bulkhead.isFull() || !isPasswordSignIn(request)) {
            chain.doFilter(request, response);
            return;
        }
        this.bulkhead.countRejected();
        this.log.record(Unavailability.PASSWORD_HASHING_BUSY, null, request);
        ServiceUnavailableFilter.write(request, response, Unavailability.PASSWORD_HASHING_BUSY);
    }

    private boolean isPasswordSignIn(HttpServletRequest request) {
        return ErrorAnswers.path(request).equals("/login") || "password".equals(request.getParameter("grant_type"));
    }
}
