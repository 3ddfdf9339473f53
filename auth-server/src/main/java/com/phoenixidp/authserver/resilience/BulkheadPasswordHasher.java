package com.phoenixidp.authserver.resilience;

import com.phoenixidp.crypto.password.PasswordHasher;
import java.util.Objects;

/**
 * The password hasher of human users behind the {@link PasswordHashingBulkhead}: hashing and
 * verifying take a slot; {@link #needsRehash} (no hashing) reports a re-hash only while a slot is
 * free, so a successful sign-in under load is not turned into a 503 by its optional re-hash.
 */
public final class BulkheadPasswordHasher implements PasswordHasher {

    private final PasswordHasher delegate;

    private final PasswordHashingBulkhead bulkhead;

    public BulkheadPasswordHasher(PasswordHasher delegate, PasswordHashingBulkhead bulkhead) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.bulkhead = Objects.requireNonNull(bulkhead, "bulkhead");
    }

    @Override
    public String hash(CharSequence rawPassword) {
        return this.bulkhead.call(() -> this.delegate.hash(rawPassword));
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedHash) {
        return this.bulkhead.call(() -> this.delegate.matches(rawPassword, encodedHash));
    }

    @Override
    public boolean needsRehash(String encodedHash) {
        return this.delegate.needsRehash(encodedHash) && this.bulkhead.hasFreeSlot();
    }
}
