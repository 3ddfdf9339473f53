package com.phoenixidp.authserver.observability;

import com.phoenixidp.crypto.password.PasswordHasher;
import io.micrometer.core.instrument.Timer;
import java.util.Objects;

/**
 * A {@link PasswordHasher} whose hashing and verifying are timed into {@code
 * phoenix_password_hash_seconds} (tag {@code operation}: {@code hash} or {@code verify}): the
 * figure that shows whether the calibrated bcrypt cost still fits the host. The re-hash decision
 * is not timed (it only parses the stored hash).
 */
public final class TimedPasswordHasher implements PasswordHasher {

    private final PasswordHasher delegate;

    private final Timer hash;

    private final Timer verify;

    public TimedPasswordHasher(PasswordHasher delegate, PhoenixMetrics metrics) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.hash = metrics.hashTimer();
        this.verify = metrics.verifyTimer();
    }

    @Override
    public String hash(CharSequence rawPassword) {
        return this.hash.record(() -> this.delegate.hash(rawPassword));
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedHash) {
        long start = System.nanoTime();
        try {
            return this.delegate.matches(rawPassword, encodedHash);
        } finally {
            this.verify.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public boolean needsRehash(String encodedHash) {
        return this.delegate.needsRehash(encodedHash);
    }
}
