package com.phoenixidp.authserver.config;

import com.phoenixidp.crypto.password.PasswordHasher;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Spring's {@link PasswordEncoder} over a crypto-module {@link PasswordHasher}: for human
 * passwords (bcrypt; {@link #upgradeEncoding} reports a hash made with a lower cost or an older
 * scheme, so a successful login re-hashes it) and for client secrets (keyed HMAC, never
 * "upgraded", so Spring's client authentication cannot turn a stored secret into bcrypt).
 */
public final class HasherPasswordEncoder implements PasswordEncoder {

    private final PasswordHasher hasher;

    public HasherPasswordEncoder(PasswordHasher hasher) {
        this.hasher = Objects.requireNonNull(hasher, "hasher");
    }

    @Override
    public String encode(@Nullable CharSequence rawPassword) {
        Objects.requireNonNull(rawPassword, "rawPassword must not be null");
        return this.hasher.hash(rawPassword);
    }

    @Override
    public boolean matches(@Nullable CharSequence rawPassword, @Nullable String encodedPassword) {
        if (rawPassword == null || encodedPassword == null) {
            return false;
        }
        return this.hasher.matches(rawPassword, encodedPassword);
    }

    @Override
    public boolean upgradeEncoding(@Nullable String encodedPassword) {
        return encodedPassword != null && this.hasher.needsRehash(encodedPassword);
    }
}
