package com.phoenixidp.resourceserver.token;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This service's copy of the IdP's revocation list of access tokens, refreshed every {@code interval}
 * with a conditional GET and kept in memory, so checking a token costs a hash look-up or two and a
 * revoked token is refused within about one interval. The list has two parts:
 * <ul>
 * <li>revoked tokens, {@code jti} → {@code exp} ({@link #isRevoked});</li>
 * <li>revoked clients (optional; absent from older IdPs), {@code client_id} → {@code not_before}
 * ({@link #clientNotBefore}): every access token of that client ({@code client_id} claim, RFC 9068
 * section 2.2) issued before {@code not_before} ({@code iat} &lt; {@code not_before}, or no
 * {@code iat}) is revoked. The IdP lists a client when it is disabled or deleted: it does not store
 * the stateless client-credentials tokens, so it cannot list their {@code jti}s.</li>
 * </ul>
 * Entries are listed until their {@code exp}, after which every token they cover has expired; expired
 * entries are dropped when a list is fetched.
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

    /**
     * A revoked client: its access tokens issued before {@code notBefore} are revoked; listed until
     * {@code exp}, when every such token has expired.
     */
    record RevokedClient(Instant notBefore, Instant exp) {}

    /** What one list says: revoked tokens ({@code jti} → {@code exp}) and revoked clients by {@code client_id}. */
    record Entries(Map<String, Instant> tokens, Map<String, RevokedClient> clients) {

        static final Entries NONE = new Entries(Map.of(), Map.of());

        Entries {
            tokens = Map.copyOf(tokens);
            clients = Map.copyOf(clients);
        }

        /** Revoked tokens only, as from an IdP that lists no clients. */
        static Entries tokens(Map<String, Instant> tokens) {
            return new Entries(tokens, Map.of());
        }
    }

    /** One answer of the {@link Source}: a new list with its entity tag, or "not modified". */
    record Fetched(
            boolean notModified, Entries entries, @Nullable String etag) {

        static Fetched unchanged() {
            return new Fetched(true, Entries.NONE, null);
        }

        static Fetched of(Entries entries, @Nullable String etag) {
            return new Fetched(false, entries, etag);
        }
    }

    /**
     * The list in use: {@code tokens} is {@code jti} → {@code exp}, {@code clients} is
     * {@code client_id} → {@code not_before} (both empty, not null, when nothing is listed).
     */
    private record State(
            Map<String, Instant> tokens,
            Map<String, Instant> clients,
            @Nullable String etag,
            @Nullable Instant refreshedAt) {}

    private final Source source;

    private final Duration interval;

    private final Duration maxStaleness;

    private final boolean failOpen;

    private final Clock clock;

    private volatile State state = new State(Map.of(), Map.of(), null, null);

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
    public boolean isRevoked(@Nullable String jti) {
        return jti != null && this.state.tokens().containsKey(jti);
    }

    /**
     * The {@code not_before} of the client, when the IdP listed it as revoked (in the last list
     * fetched): its access tokens issued before that instant, or without {@code iat}, are revoked.
     * {@code null} when the client is not listed.
     */
    public @Nullable Instant clientNotBefore(@Nullable String clientId) {
        return (clientId != null) ? this.state.clients().get(clientId) : null;
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

    /** The number of revoked tokens listed. */
    int size() {
        return this.state.tokens().size();
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
                    ? new State(current.tokens(), current.clients(), current.etag(), now)
                    : new State(
                            prune(fetched.entries().tokens(), now),
                            notBefore(fetched.entries().clients(), now),
                            fetched.etag(),
                            now);
            if (this.failing || this.staleReported) {
                logger.info(
                        "The revocation list from {} is available again ({} tokens, {} clients)",
                        this.source.uri(),
                        this.state.tokens().size(),
                        this.state.clients().size());
            }
            this.failing = false;
            this.staleReported = false;
        } catch (IOException | RuntimeException ex) {
            if (!this.failing) {
                this.failing = true;
                logger.warn(
                        "Could not fetch the revocation list from {} ({}); keeping the last list ({} tokens, {} clients, {})",
                        this.source.uri(),
                        ex.getMessage(),
                        current.tokens().size(),
                        current.clients().size(),
                        (current.refreshedAt() != null) ? "fetched " + current.refreshedAt() : "none fetched yet");
            }
        }
    }

    /** Entries whose token has expired can never matter again. */
    private static Map<String, Instant> prune(Map<String, Instant> entries, Instant now) {
        if (entries.values().stream().noneMatch((exp) -> exp.isBefore(now))) {
            return entries;
        }
        Map<String, Instant> live = new HashMap<>(entries);
        live.values().removeIf((exp) -> exp.isBefore(now));
        return Map.copyOf(live);
    }

    /** {@code client_id} → {@code not_before} of the clients whose entry has not expired (like {@link #prune}). */
    private static Map<String, Instant> notBefore(Map<String, RevokedClient> clients, Instant now) {
        if (clients.isEmpty()) {
            return Map.of();
        }
        Map<String, Instant> live = new HashMap<>(clients.size() * 2);
        clients.forEach((clientId, client) -> {
            if (!client.exp().isBefore(now)) {
                live.put(clientId, client.notBefore());
            }
        });
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
