package com.phoenixidp.pki.keys;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * PBKDF2 with HMAC-SHA256 as its pseudorandom function (RFC 8018 section 5.2), computed with the
 * JCA's preferred {@code HmacSHA256}: the native one (AWS-LC) when the application installed the
 * Amazon Corretto Crypto Provider, else the JDK's.
 *
 * <p>Why not the JDK's {@code PBKDF2WithHmacSHA256}: its HMAC asks for the preferred SHA-256, which
 * is then the native provider's, reached through several layers of Java per 64-byte block, and its
 * loop runs interpreted until the JIT compiles it. Measured on a 2-core machine for the CA key's
 * 210,000 iterations in a fresh JVM: ~165 ms on a quiet machine and ~350 ms of CPU during the
 * auth-server's start-up, against ~55 ms here, where each iteration is one call into AWS-LC's HMAC.
 * Without the native provider this is as fast as the JDK's own.
 */
final class Pbkdf2 {

    private static final int BLOCK = 32;

    private Pbkdf2() {}

    /**
     * The derived key of {@code length} bytes; the caller clears it. {@code password} must not be
     * empty (HMAC keys cannot be, in the JCA; RFC 8018 allows it).
     */
    static byte[] hmacSha256(byte[] password, byte[] salt, int iterations, int length) throws GeneralSecurityException {
        if (password.length == 0 || iterations < 1 || length < 1) {
            throw new IllegalArgumentException("PBKDF2 needs a non-empty password, c >= 1 and dkLen >= 1");
        }
        Mac prf = Mac.getInstance("HmacSHA256");
        prf.init(new SecretKeySpec(password, "HmacSHA256"));
        byte[] derived = new byte[length];
        byte[] u = new byte[BLOCK];
        byte[] t = new byte[BLOCK];
        byte[] index = new byte[4];
        try {
            for (int block = 1; (block - 1) * BLOCK < length; block++) {
                index[0] = (byte) (block >>> 24);
                index[1] = (byte) (block >>> 16);
                index[2] = (byte) (block >>> 8);
                index[3] = (byte) block;
                prf.update(salt);
                prf.update(index);
                prf.doFinal(u, 0); // U_1 = PRF(P, S || INT(i))
                System.arraycopy(u, 0, t, 0, BLOCK);
                for (int j = 1; j < iterations; j++) {
                    prf.update(u);
                    prf.doFinal(u, 0); // U_j = PRF(P, U_{j-1})
                    for (int k = 0; k < BLOCK; k++) {
                        t[k] ^= u[k];
                    }
                }
                int offset = (block - 1) * BLOCK;
                System.arraycopy(t, 0, derived, offset, Math.min(BLOCK, length - offset));
            }
            return derived;
        } catch (ShortBufferException e) {
            throw new IllegalStateException("HmacSHA256 gave more than 32 bytes", e);
        } finally {
            Arrays.fill(u, (byte) 0);
            Arrays.fill(t, (byte) 0);
        }
    }
}
