package com.phoenixidp.authserver.resilience;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log of 503 answers: a storage failure is a WARN line without a stack trace (the cause's
 * type, SQLState and first message line), at most one per {@link #INTERVAL} with the number of
 * requests refused since, so a full disk does not flood the log too; saturated password hashing
 * is an INFO count per interval. Nothing per request at ERROR: the client did nothing wrong, and
 * the operator needs one clear line, not thousands of traces.
 */
public final class UnavailabilityLog {

    static final Duration INTERVAL = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(UnavailabilityLog.class);

    private final Clock clock;

    private final Window storage = new Window();

    private final Window busy = new Window();

    public UnavailabilityLog(Clock clock) {
        this.clock = clock;
    }

    /** Records a request answered 503 for {@code reason}; logs when the interval allows. */
    public void record(Unavailability reason, @Nullable Throwable failure, HttpServletRequest request) {
        Instant now = this.clock.instant();
        if (reason == Unavailability.STORAGE) {
            long suppressed = this.storage.tryLog(now);
            if (suppressed >= 0) {
                LOG.warn(
                        "Storage unavailable, answering 503 ({} {}): {}{}",
                        request.getMethod(),
                        ErrorAnswers.path(request),
                        Unavailability.describe(
                                Objects.requireNonNull(failure, "a storage failure comes with its exception")),
                        (suppressed > 0) ? " (" + suppressed + " more requests answered 503 since the last line)" : "");
            }
        } else {
            long suppressed = this.busy.tryLog(now);
            if (suppressed >= 0) {
                LOG.info("Password hashing saturated: sign-in answered 503 ({} more since the last line)", suppressed);
            }
        }
    }

    /**
     * Records a storage failure that something else was about to log at ERROR with its stack
     * trace (a transaction rollback, a scheduled task, the container): one WARN line per interval.
     */
    void recordBackground(String loggerName, Throwable failure) {
        long suppressed = this.storage.tryLog(this.clock.instant());
        if (suppressed >= 0) {
            LOG.warn(
                    "Storage unavailable ({}): {}{}",
                    loggerName,
                    Unavailability.describe(failure),
                    (suppressed > 0) ? " (" + suppressed + " more failures since the last line)" : "");
        }
    }

    /** Counts events; lets one through per interval, reporting how many were held back. */
    private static final class Window {

        private final AtomicReference<Instant> last = new AtomicReference<>(Instant.EPOCH);

        private final AtomicLong held = new AtomicLong();

        /** -1: do not log now; otherwise the number held back since the last logged one. */
        long tryLog(Instant now) {
            Instant previous = Objects.requireNonNull(this.last.get(), "starts at the epoch, never cleared");
            if (now.isBefore(previous.plus(INTERVAL)) || !this.last.compareAndSet(previous, now)) {
                this.held.incrementAndGet();
                return -1;
            }
            return this.held.getAndSet(0);
        }
    }
}
