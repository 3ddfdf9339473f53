package com.phoenixidp.crypto.keys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The operator-supplied key-encryption key (256 bits) that protects signing keys at rest
 * (NIST SP 800-57 key hierarchy). Its bytes are never printed and never handed to callers;
 * purpose-bound sub-keys are derived with HMAC-SHA-256 ({@link #deriveKey(String)}).
 */
public final class MasterKey {

    public static final int LENGTH = 32;
    /** Derivation purpose for the client-secret HMAC key. */
    public static final String CLIENT_SECRET_PURPOSE = "phoenix/client-secret/v1";

    private final byte[] key;

    private MasterKey(byte[] key) {
        this.key = key;
    }

    /**
     * Parses a base64 (standard alphabet, surrounding whitespace ignored) encoding of exactly 32 bytes.
     * The exception message never echoes the value.
     */
    public static MasterKey fromBase64(String base64) {
        if (base64 == null || base64.isBlank()) {
            throw new IllegalArgumentException("master key is empty; expected base64 of exactly 32 random bytes");
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "master key is not valid base64; expected base64 of exactly 32 random bytes");
        }
        if (decoded.length != LENGTH) {
            int length = decoded.length;
            Arrays.fill(decoded, (byte) 0);
            throw new IllegalArgumentException(
                    "master key must be base64 of exactly 32 bytes, but it decodes to " + length + " bytes");
        }
        return new MasterKey(decoded);
    }

    /** Wraps a copy of freshly generated key bytes (used by {@link MasterKeyLoader}). */
    static MasterKey ofBytes(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("master key must be exactly 32 bytes");
        }
        return new MasterKey(bytes.clone());
    }

    /** AES-256 key for {@link KeyEncryptor}; package-private so the bytes do not leave this package. */
    SecretKey asAesKey() {
        return new SecretKeySpec(key, "AES");
    }

    /** HMAC-SHA-256(masterKey, UTF-8(purpose)): a 32-byte sub-key bound to {@code purpose}. */
    public byte[] deriveKey(String purpose) {
        Objects.requireNonNull(purpose, "purpose");
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "MasterKey[***]";
    }
}
