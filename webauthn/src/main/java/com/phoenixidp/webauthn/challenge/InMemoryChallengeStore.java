package com.phoenixidp.webauthn.challenge;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * {@link ChallengeStore} in one JVM's memory, for a single auth-server node and for tests.
 * Atomic consumption relies on {@link ConcurrentMap#computeIfPresent}.
 */
public final class InMemoryChallengeStore implements ChallengeStore {

    private final ConcurrentMap<String, StoredChallenge> challenges = new ConcurrentHashMap<>();

    @Override
    public void save(StoredChallenge challenge) {
        Objects.requireNonNull(challenge, "challenge");
        if (challenges.putIfAbsent(challenge.ceremonyId(), challenge) != null) {
            throw new IllegalStateException("ceremony id already in use");
        }
    }

    @Override
    public Optional<StoredChallenge> consume(String ceremonyId, Instant now) {
        Objects.requireNonNull(ceremonyId, "ceremonyId");
        Objects.requireNonNull(now, "now");
        StoredChallenge[] before = new StoredChallenge[1];
        challenges.computeIfPresent(ceremonyId, (id, stored) -> {
            before[0] = stored;
            return stored.consumedAt().isPresent() ? stored : stored.consumed(now);
        });
        return Optional.ofNullable(before[0]);
    }

    @Override
    public int purgeExpired(Instant now) {
        Objects.requireNonNull(now, "now");
        int before = challenges.size();
        challenges.values().removeIf(c -> c.expiresAt().isBefore(now));
        return before - challenges.size();
    }
}
