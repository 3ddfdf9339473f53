package com.phoenixidp.authserver.resilience;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Outermost application filter (before sessions and security): a request that failed because
 * the server is saturated or its storage is unusable ({@link Unavailability}) is answered
 * {@code 503 Service Unavailable} with {@code Retry-After} in the protocol's format: for the token
 * endpoint {@code {"error":"temporarily_unavailable",...}} (the RFC 6749 section 4.1.2.1 code,
 * reused), for pages a short "try again" page. Busy: nothing logged per request (a count now and
 * then); storage: one WARN line, without a stack trace ({@link UnavailabilityLog}).
 */
public final class ServiceUnavailableFilter extends OncePerRequestFilter {

    /** What the client is told to wait before retrying after a saturated password hash. */
    static final Duration BUSY_RETRY_AFTER = Duration.ofSeconds(1);

    /** ... and after a storage failure. */
    static final Duration STORAGE_RETRY_AFTER = Duration.ofSeconds(5);

    private final UnavailabilityLog log;

    public ServiceUnavailableFilter(UnavailabilityLog log) {
        this.log = log;
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException ex) {
            Unavailability reason = Unavailability.of(ex);
            if (reason == null) {
                throw ex;
            }
            this.log.record(reason, ex, request);
            if (response.isCommitted()) {
                return;
            }
            response.reset();
            write(request, response, reason);
        }
    }

    /** The 503 answer for {@code reason}. */
    public static void write(HttpServletRequest request, HttpServletResponse response, Unavailability reason)
            throws IOException {
        if (reason == Unavailability.PASSWORD_HASHING_BUSY) {
            ErrorAnswers.write(
                    request,
                    response,
                    503,
                    "temporarily_unavailable",
                    "Too many sign-ins are being checked right now. Please try again in a moment.",
                    BUSY_RETRY_AFTER);
        } else {
            ErrorAnswers.write(
                    request,
                    response,
                    503,
                    "temporarily_unavailable",
                    "The service cannot store data right now. Please try again later.",
                    STORAGE_RETRY_AFTER);
        }
    }
}
