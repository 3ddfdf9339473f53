package com.phoenixidp.authserver.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import java.security.SecureRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.event.ApplicationReadyEvent;

/** The bcrypt cost calibration: after start-up, once, and at once when a hash is needed before. */
class CalibratingPasswordHasherTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    private static final ApplicationReadyEvent READY = mock(ApplicationReadyEvent.class);

    private final AtomicInteger calibrations = new AtomicInteger();

    private final CountDownLatch calibrated = new CountDownLatch(1);

    private int calibrate() {
        this.calibrations.incrementAndGet();
        this.calibrated.countDown();
        return 11;
    }

    @Test
    void constructorWhenCalibratingThenDoesNotMeasureDuringStartUp() throws Exception {
        CalibratingPasswordHasher hasher = new CalibratingPasswordHasher(0, RANDOM, this::calibrate);

        // verifying needs no calibration (a stored hash carries its own cost)
        String stored = new CalibratingPasswordHasher(10, RANDOM).hash("correct horse battery");
        assertThat(hasher.matches("correct horse battery", stored)).isTrue();

        assertThat(this.calibrated.await(200, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(this.calibrations).hasValue(0);
    }

    @Test
    void onApplicationEventWhenReadyThenCalibratesOnceInTheBackground() throws Exception {
        CalibratingPasswordHasher hasher = new CalibratingPasswordHasher(0, RANDOM, this::calibrate);

        hasher.onApplicationEvent(READY);
        hasher.startCalibration();

        assertThat(this.calibrated.await(10, TimeUnit.SECONDS)).isTrue();
        String hash = hasher.hash("correct horse battery");
        assertThat(hash).startsWith("{bcrypt-sha256}$2a$11$");
        assertThat(hasher.needsRehash(hash)).isFalse();
        assertThat(this.calibrations).hasValue(1);
    }

    @Test
    void hashWhenNeededBeforeReadyThenCalibratesAtOnceAndUsesTheMeasuredCost() {
        CalibratingPasswordHasher hasher = new CalibratingPasswordHasher(0, RANDOM, this::calibrate);

        String hash = hasher.hash("correct horse battery");

        assertThat(hash).startsWith("{bcrypt-sha256}$2a$11$");
        assertThat(hasher.matches("correct horse battery", hash)).isTrue();
        assertThat(hasher.needsRehash(new CalibratingPasswordHasher(10, RANDOM).hash("x-password-123")))
                .isTrue();
        hasher.onApplicationEvent(READY);
        assertThat(this.calibrations).hasValue(1);
    }

    @Test
    void hashWhenCostConfiguredThenNeverCalibrates() {
        CalibratingPasswordHasher hasher = new CalibratingPasswordHasher(12, RANDOM, this::calibrate);

        hasher.onApplicationEvent(READY);
        String hash = hasher.hash("correct horse battery");

        assertThat(hash).startsWith("{bcrypt-sha256}$2a$12$");
        assertThat(this.calibrations).hasValue(0);
    }
}
