package com.phoenixidp.webauthn.challenge;

import java.time.Instant;
import java.util.Optional;

/**
 * Storage port for ceremony challenges (WebAuthn L3 §13.4.3: challenges are random, single-use
 * and short-lived). Implementations must make {@link #consume} atomic: of two concurrent calls for
 * the same ceremony id, exactly one sees the challenge unconsumed.
 */
public interface ChallengeStore {

    /** Stores a new, unconsumed challenge; the ceremony id must be new. */
    void save(StoredChallenge challenge);

    /**
     * Atomically marks the ceremony's challenge consumed and returns its state <em>before</em>
     * this call: {@code consumedAt} is empty if this call consumed it, present if it had already
     * been consumed (a replay). Empty if the ceremony id is unknown.
     */
    Optional<StoredChallenge> consume(String ceremonyId, Instant now);

    /** Removes challenges that expired before {@code now}; returns how many were removed. */
    int purgeExpired(Instant now);
}
