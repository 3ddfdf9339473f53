package com.phoenixidp.authserver.user;

import com.phoenixidp.crypto.password.BcryptPasswordHasher;
import com.phoenixidp.crypto.password.DelegatingPasswordHasher;
import com.phoenixidp.crypto.password.PasswordHasher;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * The password hasher with a bcrypt cost calibrated on this host (the smallest cost >= 10 whose
 * hash takes >= 100 ms). The measurement runs on its own thread once the server is ready
 * ({@link ApplicationReadyEvent}), not during start-up: its half a second of hashing would compete
 * with start-up for the processor (and make it measure a busy host). Verifying a password never
 * waits (a stored hash carries its own cost); hashing and the re-hash decision wait for the
 * measurement, and start it at once when they come first (a user created by the bootstrap on a
 * first start).
 */
public final class CalibratingPasswordHasher implements PasswordHasher, ApplicationListener<ApplicationReadyEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(CalibratingPasswordHasher.class);

    private final CompletableFuture<PasswordHasher> delegate = new CompletableFuture<>();

    private final AtomicBoolean calibrationStarted = new AtomicBoolean();

    private final PasswordHasher verifier;

    private final SecureRandom random;

    private final IntSupplier calibration;

    /** @param configuredCost a fixed cost, or 0 to calibrate */
    public CalibratingPasswordHasher(int configuredCost, SecureRandom random) {
        this(configuredCost, random, () -> BcryptPasswordHasher.calibrateCost(Duration.ofMillis(100)));
    }

    /** @param calibration measures the cost (called at most once, on the calibration thread) */
    CalibratingPasswordHasher(int configuredCost, SecureRandom random, IntSupplier calibration) {
        this.random = random;
        this.calibration = calibration;
        this.verifier = build(BcryptPasswordHasher.MIN_COST, random);
        if (configuredCost != 0) {
            this.calibrationStarted.set(true);
            this.delegate.complete(build(configuredCost, random));
            LOG.info("Password hashing: bcrypt (SHA-256 pre-hash) with cost {}", configuredCost);
        }
    }

    /** Starts the calibration once the server answers. */
    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        startCalibration();
    }

    /** Starts the measurement in the background, unless it has started (or is not needed); idempotent. */
    public void startCalibration() {
        if (!this.calibrationStarted.compareAndSet(false, true)) {
            return;
        }
        Thread thread = new Thread(
                () -> {
                    try {
                        int cost = this.calibration.getAsInt();
                        LOG.info(
                                "Password hashing: bcrypt (SHA-256 pre-hash) with cost {} (calibrated on this host)",
                                cost);
                        this.delegate.complete(build(cost, this.random));
                    } catch (RuntimeException | Error ex) {
                        LOG.error("Password hashing: bcrypt calibration failed", ex);
                        this.delegate.completeExceptionally(ex);
                    }
                },
                "phoenix-bcrypt-calibration");
        thread.setDaemon(true);
        thread.start();
    }

    private static PasswordHasher build(int cost, SecureRandom random) {
        BcryptPasswordHasher bcrypt = new BcryptPasswordHasher(cost, random);
        return new DelegatingPasswordHasher(
                "bcrypt-sha256", Map.of("bcrypt-sha256", bcrypt, DelegatingPasswordHasher.LEGACY_BCRYPT_ID, bcrypt));
    }

    private PasswordHasher calibrated() {
        startCalibration();
        return this.delegate.join();
    }

    @Override
    public String hash(CharSequence rawPassword) {
        return calibrated().hash(rawPassword);
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedHash) {
        return this.verifier.matches(rawPassword, encodedHash);
    }

    @Override
    public boolean needsRehash(String encodedHash) {
        return calibrated().needsRehash(encodedHash);
    }
}
