package com.phoenixidp.authserver.resilience;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a password sign-in while the {@link PasswordHashingBulkhead} is full, before any other
 * work is spent on it: no session is loaded or saved, no client authenticated, no user looked up.
 * Under a flood every refused sign-in is then cheap, so the refusals themselves do not take the
 * processors the token endpoint's other requests need. The bulkhead still has the last word (a
 * request let through here can find it full a moment later); this is only the early answer.
 * Password sign-ins are {@code POST /login} and {@code grant_type=password} at the token endpoint.
 * <p>
 * The refusal is answered after {@code phoenix.password.busy-answer-delay} (500 ms), the request
 * suspended meanwhile (Servlet async: no thread waits): a flood that retries at once would
 * otherwise make the server answer thousands of cheap refusals a second, and those add up to the
 * processors the other requests need. Measured on 2 cores, 64 connections flooding: about 6,000
 * refusals/s answered at once; with the delay 64 connections get at most 128 a second.
 */
public final class PasswordSignInAdmissionFilter extends OncePerRequestFilter implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(PasswordSignInAdmissionFilter.class);

    private final PasswordHashingBulkhead bulkhead;

    private final String tokenEndpoint;

    private final UnavailabilityLog log;

    private final Duration answerDelay;

    private final ScheduledExecutorService answers;

    public PasswordSignInAdmissionFilter(
            PasswordHashingBulkhead bulkhead, String tokenEndpoint, UnavailabilityLog log, Duration answerDelay) {
        this.bulkhead = Objects.requireNonNull(bulkhead, "bulkhead");
        this.tokenEndpoint = Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
        this.log = Objects.requireNonNull(log, "log");
        if (answerDelay.isNegative()) {
            throw new IllegalArgumentException("phoenix.password.busy-answer-delay must not be negative");
        }
        this.answerDelay = answerDelay;
        this.answers = Executors.newSingleThreadScheduledExecutor((r) -> {
            Thread thread = new Thread(r, "phoenix-busy-answers");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void destroy() {
        this.answers.shutdownNow();
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
        if (this.answerDelay.isZero() || !request.isAsyncSupported()) {
            ServiceUnavailableFilter.write(request, response, Unavailability.PASSWORD_HASHING_BUSY);
            return;
        }
        AsyncContext suspended = request.startAsync(request, response);
        suspended.setTimeout(this.answerDelay.toMillis() + 30_000);
        // the scheduler catches what the answer throws: its future has nothing to report
        var unused = this.answers.schedule(
                () -> answer(suspended, request, response), this.answerDelay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void answer(AsyncContext suspended, HttpServletRequest request, HttpServletResponse response) {
        try {
            ServiceUnavailableFilter.write(request, response, Unavailability.PASSWORD_HASHING_BUSY);
        } catch (IOException | RuntimeException ex) {
            LOG.debug("A delayed busy answer could not be written (client gone?): {}", ex.toString());
        } finally {
            try {
                suspended.complete();
            } catch (IllegalStateException ex) {
                // already completed or timed out by the container
            }
        }
    }

    private boolean isPasswordSignIn(HttpServletRequest request) {
        return ErrorAnswers.path(request).equals("/login") || "password".equals(request.getParameter("grant_type"));
    }
}
