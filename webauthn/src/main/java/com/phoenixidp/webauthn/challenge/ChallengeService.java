package com.phoenixidp.webauthn.challenge;

import com.phoenixidp.webauthn.BadChallengeException;
import com.phoenixidp.webauthn.ChallengeExpiredException;
import com.phoenixidp.webauthn.ChallengeReplayedException;
import com.phoenixidp.webauthn.UnknownCeremonyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * Issues and redeems ceremony challenges (WebAuthn L3 §13.4.3): 32 random bytes, bound to a
 * ceremony id, the ceremony type and optionally a user handle; single-use and expiring.
 */
public final class ChallengeService {

    /** Challenge length in bytes; the spec asks for at least 16. */
    public static final int CHALLENGE_LENGTH = 32;

    private static final int CEREMONY_ID_LENGTH = 24;

    private final ChallengeStore store;
    private final Duration timeout;
    private final Clock clock;
    private final SecureRandom random;

    public ChallengeService(ChallengeStore store, Duration timeout, Clock clock, SecureRandom random) {
        this.store = Objects.requireNonNull(store, "store");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** Creates, stores (hashed) and returns a new challenge for a ceremony. */
    public IssuedChallenge issue(CeremonyType type, Optional<byte[]> userHandle) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(userHandle, "userHandle");
        byte[] challenge = randomBytes(CHALLENGE_LENGTH);
        String ceremonyId = Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(CEREMONY_ID_LENGTH));
        Instant expiresAt = clock.instant().plus(timeout);
        store.save(new StoredChallenge(ceremonyId, type, sha256(challenge), userHandle, expiresAt, Optional.empty()));
        return new IssuedChallenge(ceremonyId, challenge, expiresAt);
    }

    /**
     * Consumes the ceremony's challenge; whatever happens next, it cannot be used again.
     *
     * @throws UnknownCeremonyException   no challenge was issued under this id
     * @throws ChallengeReplayedException the challenge was already consumed
     * @throws ChallengeExpiredException  the challenge is past its expiry
     * @throws BadChallengeException      the ceremony id belongs to the other ceremony type
     */
    public StoredChallenge consume(String ceremonyId, CeremonyType expectedType) {
        Objects.requireNonNull(ceremonyId, "ceremonyId");
        Objects.requireNonNull(expectedType, "expectedType");
        Instant now = clock.instant();
        StoredChallenge stored = store.consume(ceremonyId, now)
                .orElseThrow(() -> new UnknownCeremonyException("no challenge issued for this ceremony id"));
        if (stored.consumedAt().isPresent()) {
            throw new ChallengeReplayedException("challenge of this ceremony was already used");
        }
        if (now.isAfter(stored.expiresAt())) {
            throw new ChallengeExpiredException("challenge expired at " + stored.expiresAt());
        }
        if (stored.type() != expectedType) {
            throw new BadChallengeException("ceremony id was issued for " + stored.type());
        }
        return stored;
    }

    /**
     * WebAuthn L3 §7.1 step 8 / §7.2 step 12: the challenge in clientDataJSON must equal the one
     * issued for this ceremony; compared as SHA-256 digests in constant time.
     */
    public static void verifyChallenge(StoredChallenge stored, byte[] presentedChallenge) {
        Objects.requireNonNull(stored, "stored");
        if (presentedChallenge == null || !MessageDigest.isEqual(stored.challengeHash(), sha256(presentedChallenge))) {
            throw new BadChallengeException("clientDataJSON.challenge does not match the ceremony's challenge");
        }
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
