package com.phoenixidp.crypto.secret;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed hash (HMAC-SHA-256, RFC 2104) for generated, high-entropy OAuth client secrets
 * (RFC 6749 section 2.3.1). Such secrets need no slow hash: 256 random bits cannot be guessed,
 * and the server-side key means a stolen table alone does not allow offline checks.
 * Stored form: {@code {hmac-sha256}} + base64url-no-pad(HMAC-SHA-256(key, UTF-8(secret))).
 */
public final class ClientSecretHasher implements com.phoenixidp.crypto.password.PasswordHasher {

    public static final String PREFIX = "{hmac-sha256}";
    public static final int MIN_KEY_BYTES = 32;
    public static final int MIN_SECRET_CHARS = 32;
    private static final int GENERATED_BYTES = 32;
    private static final int MAC_BYTES = 32;

    private final byte[] key;

    /** @param key HMAC key of at least 32 bytes (copied), e.g. {@code MasterKey.deriveKey("phoenix/client-secret/v1")} */
    public ClientSecretHasher(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("client secret HMAC key must be at least " + MIN_KEY_BYTES + " bytes");
        }
        this.key = key.clone();
    }

    @Override
    public String hash(CharSequence secret) {
        Objects.requireNonNull(secret, "secret");
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(secret));
    }

    /** Constant-time check; false for null or malformed input. */
    @Override
    public boolean matches(CharSequence secret, String encoded) {
        if (secret == null || encoded == null || !encoded.startsWith(PREFIX)) {
            return false;
        }
        byte[] stored;
        try {
            stored = Base64.getUrlDecoder().decode(encoded.substring(PREFIX.length()));
        } catch (IllegalArgumentException malformed) {
            return false;
        }
        if (stored.length != MAC_BYTES) {
            return false;
        }
        return MessageDigest.isEqual(mac(secret), stored);
    }

    /** A new client secret: 32 random bytes (256 bits) as base64url without padding (43 chars). */
    public static String generateSecret(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        byte[] bytes = new byte[GENERATED_BYTES];
        random.nextBytes(bytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Arrays.fill(bytes, (byte) 0);
        return secret;
    }

    /** Rejects an operator-configured client secret shorter than 32 characters. */
    public static void requireStrong(CharSequence configured) {
        if (configured == null || configured.length() < MIN_SECRET_CHARS) {
            throw new WeakSecretException("client secret must be at least " + MIN_SECRET_CHARS + " characters");
        }
    }

    private byte[] mac(CharSequence secret) {
        ByteBuffer buffer = StandardCharsets.UTF_8.encode(CharBuffer.wrap(secret));
        byte[] message = new byte[buffer.remaining()];
        buffer.get(message);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        } finally {
            Arrays.fill(message, (byte) 0);
            if (buffer.hasArray()) {
                int offset = buffer.arrayOffset();
                Arrays.fill(buffer.array(), offset, offset + buffer.capacity(), (byte) 0);
            }
        }
    }

    /**
     * Never: client secrets have a single scheme, and a stored secret must not be "upgraded" to a
     * slow password hash by a generic client-authentication path.
     */
    @Override
    public boolean needsRehash(String encodedHash) {
        return false;
    }

    @Override
    public String toString() {
        return "ClientSecretHasher[hmac-sha256]";
    }
}
