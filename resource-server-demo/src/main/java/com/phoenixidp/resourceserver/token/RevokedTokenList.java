package com.phoenixidp.resourceserver.token;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This service's copy of the IdP's revocation list of access tokens ({@code jti} → {@code exp}),
 * refreshed every {@code interval} with a conditional GET and kept in memory, so checking a token
 * costs a hash look-up and a revoked token is refused within about one interval.
 * <p>
 * A failed poll keeps the last list (logged once per outage at WARN, and once when it ends). When
 * the last successful poll is older than {@code max-staleness} (or none succeeded yet) the list is
 * <em>stale</em>: by default this service then fails closed — requests carrying a token are answered
 * 503 ({@link #isUsable()} is false) — because an attacker who can cut this service off from the IdP
 * must not thereby keep a revoked token alive; with {@code fail-open} it keeps using the last list.
 * A request finding the list stale triggers one immediate poll (at most one per second), so a
 * service that started before the IdP serves as soon as the IdP answers.
 */
public final class RevokedTokenList implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(RevokedTokenList.class);

    private static final Duration ON_DEMAND_MIN_INTERVAL = Duration.ofSeconds(1);

    /** Where the list comes from (the IdP's endpoint; a fake in tests). */
    interface Source {

        URI uri();

        /** The list, or {@link Fetched#unchanged()} when it still has entity tag {@code etag}. */
        Fetched fetch(@Nullable String etag) throws IOException;
    }

    /** One answer of the {@link Source}: a new list with its entity tag, or "not modified". */
    record Fetched(
            boolean notModified,
            Map<String, Instant> entries,
            @Nullable String etag) {

        static Fetched unchanged() {
            return new Fetched(true, Map.of(), null);
        }

        static Fetched of(Map<String, Instant> entries, @Nullable String etag) {
            return new Fetched(false, Map.copyOf(entries), etag);
        }
    }

    private record State(
            Map<String, Instant> entries,
            @Nullable String etag,
            @Nullable Instant refreshedAt) {}

    private final Source source;

    private final Duration interval;

    private final Duration maxStaleness;

    private final boolean failOpen;

    private final Clock clock;

    private volatile State state = new State(Map.of(), null, null);

    // written under refreshLock
    private volatile Instant lastAttempt = Instant.EPOCH;

    private final Object refreshLock = new Object();

    // guarded by refreshLock
    private boolean failing;

    private volatile boolean staleReported;

    private @Nullable ScheduledExecutorService scheduler;

    private @Nullable ScheduledFuture<?> polling;

    RevokedTokenList(Source source, Duration interval, Duration maxStaleness, boolean failOpen, Clock clock) {
        this.source = source;
        this.interval = interval;
        this.maxStaleness = maxStaleness;
        this.failOpen = failOpen;
        this.clock = clock;
    }

    /** Whether the IdP listed the token's {@code jti} as revoked (in the last list fetched). */
    public boolean isRevoked(String jti) {
        return jti != null && this.state.entries().containsKey(jti);
    }

    /**
     * Whether tokens may be judged by the list: it is fresh, or stale with {@code fail-open}. A stale
     * list is polled once more first (rate-limited), so this may block for one poll.
     */
    public boolean isUsable() {
        if (isFresh()) {
            return true;
        }
        refreshIfDue();
        if (isFresh()) {
            return true;
        }
        if (!this.staleReported) {
            this.staleReported = true;
            logger.warn(
                    "The revocation list from {} is older than {} ({}): {}",
                    this.source.uri(),
                    this.maxStaleness,
                    (this.state.refreshedAt() != null) ? "last fetched " + this.state.refreshedAt() : "never fetched",
                    this.failOpen
                            ? "failing open, the last list is still used (phoenix.resource.revocation-list.fail-open)"
                            : "failing closed, requests with access tokens are refused with 503");
        }
        return this.failOpen;
    }

    boolean isFresh() {
        Instant refreshedAt = this.state.refreshedAt();
        return refreshedAt != null && !this.clock.instant().isAfter(refreshedAt.plus(this.maxStaleness));
    }

    int size() {
        return this.state.entries().size();
    }

    /** A poll for a request that found the list stale: at most one per second, shared by concurrent requests. */
    private void refreshIfDue() {
        synchronized (this.refreshLock) {
            if (!isFresh() && this.clock.instant().isAfter(this.lastAttempt.plus(ON_DEMAND_MIN_INTERVAL))) {
                refresh();
            }
        }
    }

    /** One poll: conditional GET; on failure the last list stays. */
    void refresh() {
        synchronized (this.refreshLock) {
            poll();
        }
    }

    private void poll() {
        Instant now = this.clock.instant();
        this.lastAttempt = now;
        State current = this.state;
        try {
            Fetched fetched = this.source.fetch(current.etag());
            this.state = fetched.notModified()
                    ? new State(current.entries(), current.etag(), now)
                    : new State(prune(fetched.entries(), now), fetched.etag(), now);
            if (this.failing || this.staleReported) {
                logger.info(
                        "The revocation list from {} is available again ({} entries)",
                        this.source.uri(),
                        this.state.entries().size());
            }
            this.failing = false;
            this.staleReported = false;
        } catch (IOException | RuntimeException ex) {
            if (!this.failing) {
                this.failing = true;
                logger.warn(
                        "Could not fetch the revocation list from {} ({}); keeping the last list ({} entries, {})",
                        this.source.uri(),
                        ex.getMessage(),
                        current.entries().size(),
                        (current.refreshedAt() != null) ? "fetched " + current.refreshedAt() : "none fetched yet");
            }
        }
    }

    /** Entries whose token has expired can never matter again. */
    private static Map<String, Instant> prune(Map<String, Instant> entries, Instant now) {
        if (entries.values().stream().noneMatch((exp) -> exp.isBefore(now))) {
            return entries;
        }
        Map<String, Instant> live = new java.util.HashMap<>(entries);
        live.values().removeIf((exp) -> exp.isBefore(now));
        return Map.copyOf(live);
    }

    /** Polls once now, then every {@code interval} on a daemon thread. */
    public synchronized void start() {
        if (this.scheduler != null) {
            return;
        }
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((task) -> {
            Thread thread = new Thread(task, "revocation-list");
            thread.setDaemon(true);
            return thread;
        });
        this.scheduler = executor;
        // poll() catches what a fetch throws, so the periodic task is not cancelled by an exception
        this.polling =
                executor.scheduleWithFixedDelay(this::refresh, 0, this.interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        ScheduledFuture<?> task = this.polling;
        if (task != null) {
            task.cancel(false);
            this.polling = null;
        }
        ScheduledExecutorService executor = this.scheduler;
        if (executor != null) {
            executor.shutdownNow();
            this.scheduler = null;
        }
    }
}
