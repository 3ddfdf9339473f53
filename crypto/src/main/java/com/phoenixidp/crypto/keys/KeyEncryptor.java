package com.phoenixidp.crypto.keys;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts key material at rest with AES-256-GCM (NIST SP 800-38D): a random 96-bit nonce per
 * encryption, 128-bit tag, caller-supplied associated data binding the blob to its identity.
 * Blob format: {@code 0x01 || nonce(12) || ciphertext+tag}.
 */
public final class KeyEncryptor {

    static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random;

    public KeyEncryptor(MasterKey key, SecureRandom random) {
        this.key = Objects.requireNonNull(key, "key").asAesKey();
        this.random = Objects.requireNonNull(random, "random");
    }

    public byte[] encrypt(byte[] plaintext, byte[] aad) {
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(aad, "aad");
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad);
            byte[] ciphertext = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(1 + NONCE_BYTES + ciphertext.length)
                    .put(VERSION)
                    .put(nonce)
                    .put(ciphertext)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /**
     * Decrypts a blob made by {@link #encrypt} with the same associated data.
     *
     * @throws KeyDecryptionException on a wrong key, tampering, wrong AAD, truncation or unknown version
     */
    public byte[] decrypt(byte[] blob, byte[] aad) {
        Objects.requireNonNull(aad, "aad");
        if (blob == null || blob.length < 1 + NONCE_BYTES + TAG_BITS / 8 || blob[0] != VERSION) {
            throw new KeyDecryptionException();
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(
                    Cipher.DECRYPT_MODE,
                    key,
                    new GCMParameterSpec(TAG_BITS, Arrays.copyOfRange(blob, 1, 1 + NONCE_BYTES)));
            cipher.updateAAD(aad);
            return cipher.doFinal(blob, 1 + NONCE_BYTES, blob.length - 1 - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new KeyDecryptionException(e);
        }
    }

    @Override
    public String toString() {
        return "KeyEncryptor[AES-256-GCM]";
    }
}
