package com.phoenixidp.webauthn.challenge;

import java.time.Instant;
import java.util.Objects;

/**
 * A freshly issued challenge: the raw bytes go into the options JSON once and are never stored.
 *
 * @param ceremonyId id the caller keeps (HTTP session or client) to finish the ceremony
 * @param challenge  the random challenge bytes (WebAuthn L3 §13.4.3)
 * @param expiresAt  when the challenge stops being accepted
 */
// The byte[] components are safe here: they are cloned in the constructor and the accessors, and
// equals, hashCode and toString are overridden, which is what ArrayRecordComponent asks for.
@SuppressWarnings("ArrayRecordComponent")
public record IssuedChallenge(String ceremonyId, byte[] challenge, Instant expiresAt) {

    public IssuedChallenge {
        Objects.requireNonNull(ceremonyId, "ceremonyId");
        Objects.requireNonNull(challenge, "challenge");
        Objects.requireNonNull(expiresAt, "expiresAt");
        challenge = challenge.clone();
    }

    @Override
    public byte[] challenge() {
        return challenge.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IssuedChallenge other
                && ceremonyId.equals(other.ceremonyId)
                && java.util.Arrays.equals(challenge, other.challenge)
                && expiresAt.equals(other.expiresAt);
    }

    @Override
    public int hashCode() {
        return ceremonyId.hashCode();
    }

    @Override
    public String toString() {
        return "IssuedChallenge[ceremonyId=" + ceremonyId + ", challenge=***, expiresAt=" + expiresAt + "]";
    }
}
