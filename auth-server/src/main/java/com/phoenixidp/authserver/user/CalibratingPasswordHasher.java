package com.phoenixidp.authserver.user;

import com.phoenixidp.crypto.password.BcryptPasswordHasher;
import com.phoenixidp.crypto.password.DelegatingPasswordHasher;
import com.phoenixidp.crypto.password.PasswordHasher;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The password hasher with a bcrypt cost calibrated on this host (the smallest cost >= 10 whose
 * hash takes >= 100 ms), measured in the background from start-up so that it does not delay it.
 * Verifying a password never waits (a stored hash carries its own cost); hashing and the re-hash
 * decision wait for the measurement the first time (a few hundred milliseconds at most).
 */
public final class CalibratingPasswordHasher implements PasswordHasher {

    private static final Logger LOG = LoggerFactory.getLogger(CalibratingPasswordHasher.class);

    private final CompletableFuture<PasswordHasher> delegate;

    private final PasswordHasher verifier;

    /** @param configuredCost a fixed cost, or 0 to calibrate */
    public CalibratingPasswordHasher(int configuredCost, SecureRandom random) {
        this.verifier = build(BcryptPasswordHasher.MIN_COST, random);
        if (configuredCost != 0) {
            this.delegate = CompletableFuture.completedFuture(build(configuredCost, random));
            LOG.info("Password hashing: bcrypt (SHA-256 pre-hash) with cost {}", configuredCost);
        } else {
            this.delegate = CompletableFuture.supplyAsync(() -> {
                int cost = BcryptPasswordHasher.calibrateCost(Duration.ofMillis(100));
                LOG.info("Password hashing: bcrypt (SHA-256 pre-hash) with cost {} (calibrated on this host)", cost);
                return build(cost, random);
            });
        }
    }

    private static PasswordHasher build(int cost, SecureRandom random) {
        BcryptPasswordHasher bcrypt = new BcryptPasswordHasher(cost, random);
        return new DelegatingPasswordHasher(
                "bcrypt-sha256", Map.of("bcrypt-sha256", bcrypt, DelegatingPasswordHasher.LEGACY_BCRYPT_ID, bcrypt));
    }

    @Override
    public String hash(CharSequence rawPassword) {
        return this.delegate.join().hash(rawPassword);
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedHash) {
        return this.verifier.matches(rawPassword, encodedHash);
    }

    @Override
    public boolean needsRehash(String encodedHash) {
        return this.delegate.join().needsRehash(encodedHash);
    }
}
