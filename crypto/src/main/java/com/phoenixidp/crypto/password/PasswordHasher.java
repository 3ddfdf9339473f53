package com.phoenixidp.crypto.password;

/**
 * Port for one-way, salted, slow password hashing (OWASP Password Storage Cheat Sheet).
 * Encoded values are self-describing: they record the algorithm id and its parameters,
 * so that {@link #needsRehash(String)} can upgrade them on the next successful login.
 */
public interface PasswordHasher {

    /** Hashes {@code rawPassword} with a fresh random salt; returns the self-describing encoded form. */
    String hash(CharSequence rawPassword);

    /** True when {@code rawPassword} matches; false (never an exception) for null or malformed input. */
    boolean matches(CharSequence rawPassword, String encodedHash);

    /** True when the stored value uses weaker parameters or another scheme than the configured one. */
    boolean needsRehash(String encodedHash);
}
