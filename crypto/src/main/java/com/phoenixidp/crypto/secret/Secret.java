package com.phoenixidp.crypto.secret;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A password, client secret or other secret value that never prints itself
 * (OWASP Logging Cheat Sheet: never log secrets). {@link #toString()} is {@code ***}; equality is
 * by identity only, so secrets are not compared by accident in non-constant time. {@link #close()}
 * wipes the held characters; after that every accessor throws {@link IllegalStateException}.
 */
public final class Secret implements AutoCloseable {

    private final char[] chars;
    private volatile boolean closed;

    private Secret(char[] chars) {
        this.chars = chars;
    }

    /** Wraps a defensive copy of {@code chars}; the caller may wipe its own array afterwards. */
    public static Secret of(char[] chars) {
        return new Secret(Objects.requireNonNull(chars, "chars").clone());
    }

    public static Secret of(String value) {
        return new Secret(Objects.requireNonNull(value, "value").toCharArray());
    }

    /** A copy of the characters; the caller should wipe it after use. */
    public char[] chars() {
        requireOpen();
        return chars.clone();
    }

    /** The secret as a String (cannot be wiped; use only where an API demands a String). */
    public String reveal() {
        requireOpen();
        return new String(chars);
    }

    /** The UTF-8 encoding (a fresh array the caller should wipe). */
    public byte[] utf8() {
        requireOpen();
        ByteBuffer buffer = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        if (buffer.hasArray()) {
            int offset = buffer.arrayOffset();
            Arrays.fill(buffer.array(), offset, offset + buffer.capacity(), (byte) 0);
        }
        return bytes;
    }

    /** Number of characters. */
    public int length() {
        requireOpen();
        return chars.length;
    }

    /** Overwrites the held characters with zeros. Idempotent. */
    @Override
    public void close() {
        Arrays.fill(chars, '\0');
        closed = true;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("secret has been closed");
        }
    }

    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    @Override
    public String toString() {
        return "***";
    }
}
