package com.phoenixidp.authserver.observability;

import com.phoenixidp.crypto.password.PasswordHasher;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;

/** Password hashing and verification (a sign-in's slow step), one span per call. */
final class ObservedPasswordHasher implements PasswordHasher {

    private final PasswordHasher delegate;

    private final Spans spans;

    ObservedPasswordHasher(PasswordHasher delegate, ObjectProvider<ObservationRegistry> registry) {
        this.delegate = delegate;
        this.spans = new Spans(registry, "phoenix.password");
    }

    @Override
    public String hash(CharSequence rawPassword) {
        return this.spans.observe("hash", () -> this.delegate.hash(rawPassword));
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedHash) {
        return this.spans.observe("verify", () -> this.delegate.matches(rawPassword, encodedHash));
    }

    @Override
    public boolean needsRehash(String encodedHash) {
        return this.delegate.needsRehash(encodedHash);
    }
}
