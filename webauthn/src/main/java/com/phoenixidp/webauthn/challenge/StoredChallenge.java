package com.phoenixidp.webauthn.challenge;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A challenge as kept by a {@link ChallengeStore}: only the SHA-256 of the challenge is stored,
 * bound to its ceremony id, ceremony type and (optionally) the user handle (WebAuthn L3 §13.4.3).
 *
 * @param ceremonyId    random id handed to the caller together with the options JSON
 * @param type          registration or authentication
 * @param challengeHash SHA-256 of the challenge bytes
 * @param userHandle    user the ceremony was started for, if any
 * @param expiresAt     instant after which the challenge is rejected
 * @param consumedAt    when the challenge was consumed, empty while unused
 */
// The byte[] components are safe here: they are cloned in the constructor and the accessors, and
// equals, hashCode and toString are overridden, which is what ArrayRecordComponent asks for.
@SuppressWarnings("ArrayRecordComponent")
public record StoredChallenge(
        String ceremonyId,
        CeremonyType type,
        byte[] challengeHash,
        Optional<byte[]> userHandle,
        Instant expiresAt,
        Optional<Instant> consumedAt) {

    public StoredChallenge {
        Objects.requireNonNull(ceremonyId, "ceremonyId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(challengeHash, "challengeHash");
        Objects.requireNonNull(userHandle, "userHandle");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(consumedAt, "consumedAt");
        challengeHash = challengeHash.clone();
        userHandle = userHandle.map(byte[]::clone);
    }

    @Override
    public byte[] challengeHash() {
        return challengeHash.clone();
    }

    @Override
    public Optional<byte[]> userHandle() {
        return userHandle.map(byte[]::clone);
    }

    /** A copy marked as consumed at the given instant. */
    public StoredChallenge consumed(Instant at) {
        return new StoredChallenge(ceremonyId, type, challengeHash, userHandle, expiresAt, Optional.of(at));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoredChallenge other
                && ceremonyId.equals(other.ceremonyId)
                && type == other.type
                && Arrays.equals(challengeHash, other.challengeHash)
                && Arrays.equals(userHandle.orElse(null), other.userHandle.orElse(null))
                && expiresAt.equals(other.expiresAt)
                && consumedAt.equals(other.consumedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ceremonyId, type, Arrays.hashCode(challengeHash), expiresAt, consumedAt);
    }

    @Override
    public String toString() {
        return "StoredChallenge[ceremonyId=" + ceremonyId + ", type=" + type + ", expiresAt=" + expiresAt
                + ", consumed=" + consumedAt.isPresent() + "]";
    }
}
