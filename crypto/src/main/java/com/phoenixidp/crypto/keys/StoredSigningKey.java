package com.phoenixidp.crypto.keys;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A signing key as persisted: metadata, the public JWK (RFC 7517) and the private key encrypted by
 * {@link KeyEncryptor} with associated data {@link #aad()} = UTF-8(kid + "|" + algorithm).
 */
// The byte[] component is safe here: it is cloned in the constructor and the accessor, and equals,
// hashCode and toString are overridden, which is what ArrayRecordComponent asks for.
@SuppressWarnings("ArrayRecordComponent")
public record StoredSigningKey(
        String kid,
        SigningAlgorithm algorithm,
        KeyStatus status,
        Instant createdAt,
        @Nullable Instant activatedAt,
        @Nullable Instant retiredAt,
        String publicJwkJson,
        byte[] encryptedPrivateKey) {

    public StoredSigningKey {
        Objects.requireNonNull(kid, "kid");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(publicJwkJson, "publicJwkJson");
        encryptedPrivateKey = Objects.requireNonNull(encryptedPrivateKey, "encryptedPrivateKey")
                .clone();
    }

    @Override
    public byte[] encryptedPrivateKey() {
        return encryptedPrivateKey.clone();
    }

    /** Associated data for the private-key encryption: UTF-8 of {@code kid|algorithm}. */
    public byte[] aad() {
        return aad(kid, algorithm);
    }

    static byte[] aad(String kid, SigningAlgorithm algorithm) {
        return (kid + "|" + algorithm).getBytes(StandardCharsets.UTF_8);
    }

    public StoredSigningKey withStatus(
            KeyStatus newStatus, @Nullable Instant newActivatedAt, @Nullable Instant newRetiredAt) {
        return new StoredSigningKey(
                kid, algorithm, newStatus, createdAt, newActivatedAt, newRetiredAt, publicJwkJson, encryptedPrivateKey);
    }

    /** Same kid, algorithm, public JWK and encrypted private key (status and timestamps may differ). */
    boolean sameMaterialAs(@Nullable StoredSigningKey other) {
        return other != null
                && kid.equals(other.kid)
                && algorithm == other.algorithm
                && publicJwkJson.equals(other.publicJwkJson)
                && Arrays.equals(encryptedPrivateKey, other.encryptedPrivateKey);
    }

    /** Same key without the encrypted private key (for admin listings). */
    public StoredSigningKey withoutPrivateKey() {
        return new StoredSigningKey(
                kid, algorithm, status, createdAt, activatedAt, retiredAt, publicJwkJson, new byte[0]);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof StoredSigningKey other
                && kid.equals(other.kid)
                && algorithm == other.algorithm
                && status == other.status
                && createdAt.equals(other.createdAt)
                && Objects.equals(activatedAt, other.activatedAt)
                && Objects.equals(retiredAt, other.retiredAt)
                && publicJwkJson.equals(other.publicJwkJson)
                && Arrays.equals(encryptedPrivateKey, other.encryptedPrivateKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kid, algorithm, status, createdAt, activatedAt, retiredAt, publicJwkJson) * 31
                + Arrays.hashCode(encryptedPrivateKey);
    }

    @Override
    public String toString() {
        return "StoredSigningKey[kid=" + kid + ", algorithm=" + algorithm + ", status=" + status + ", createdAt="
                + createdAt + ", activatedAt=" + activatedAt + ", retiredAt=" + retiredAt + "]";
    }
}
