package com.phoenixidp.resourceserver.dpop;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * RFC 9449 section 11.1: the {@code jti} of every accepted proof is remembered while its {@code iat}
 * is inside the acceptance window, and a second use within it is refused. Bounded: when full, expired
 * entries are dropped; if it is still full, new proofs are refused ({@link Use#FULL}) rather than an
 * old entry forgotten, which would let its replay through. Only proofs that passed every other check
 * (with a valid access token bound to their key) reach this cache.
 */
final class DpopReplayCache {

    enum Use {
        FIRST,
        REPLAYED,
        FULL
    }

    private final int maxEntries;

    private final Clock clock;

    private final Map<String, Instant> seen = new ConcurrentHashMap<>();

    DpopReplayCache(int maxEntries, Clock clock) {
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    /** Records {@code key} (key thumbprint and jti) until {@code expiresAt}; whether this is its first use. */
    Use use(String key, Instant expiresAt) {
        Instant now = this.clock.instant();
        if (this.seen.size() >= this.maxEntries && !this.seen.containsKey(key)) {
            purge(now);
            if (this.seen.size() >= this.maxEntries) {
                return Use.FULL;
            }
        }
        boolean[] first = {false};
        this.seen.compute(key, (k, previous) -> {
            if (previous != null && previous.isAfter(now)) {
                return previous;
            }
            first[0] = true;
            return expiresAt;
        });
        return first[0] ? Use.FIRST : Use.REPLAYED;
    }

    int size() {
        return this.seen.size();
    }

    private synchronized void purge(Instant now) {
        this.seen.values().removeIf((expiresAt) -> !expiresAt.isAfter(now));
    }
}
