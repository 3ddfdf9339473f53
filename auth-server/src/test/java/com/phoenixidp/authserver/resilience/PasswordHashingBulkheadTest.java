package com.phoenixidp.authserver.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.phoenixidp.crypto.password.PasswordHasher;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bulkhead bounds concurrent hashes and refuses at once beyond its queue. Hashes here block on
 * a latch, so "saturated" is a state the test sets up, not a race; no wall-clock assertions.
 */
class PasswordHashingBulkheadTest {

    private final ExecutorService callers = Executors.newCachedThreadPool();

    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        this.release.countDown();
        this.callers.shutdownNow();
    }

    @Test
    void callWhenEverySlotAndQueuePlaceTakenThenBusyAtOnceAndWorksAgainOnceReleased() throws Exception {
        PasswordHashingBulkhead bulkhead = new PasswordHashingBulkhead(1, 1, Duration.ofDays(1));
        Future<String> running = this.callers.submit(() -> bulkhead.call(this::blockedHash));
        await().until(() -> bulkhead.inFlight() == 1 && !bulkhead.hasFreeSlot());
        Future<String> queued = this.callers.submit(() -> bulkhead.call(() -> "queued"));
        await().until(() -> bulkhead.inFlight() == 2);

        assertThatThrownBy(() -> bulkhead.call(() -> "third")).isInstanceOf(PasswordHashingBusyException.class);
        assertThat(bulkhead.rejected()).isEqualTo(1);
        assertThat(running).isNotDone();

        this.release.countDown();
        assertThat(running.get()).isEqualTo("hashed");
        assertThat(queued.get()).isEqualTo("queued");
        assertThat(bulkhead.call(() -> "next")).isEqualTo("next");
        assertThat(bulkhead.inFlight()).isZero();
    }

    @Test
    void callWhenNoQueueAndSlotTakenThenBusy() {
        PasswordHashingBulkhead bulkhead = new PasswordHashingBulkhead(1, 0, Duration.ofDays(1));
        this.callers.submit(() -> bulkhead.call(this::blockedHash));
        await().until(() -> bulkhead.inFlight() == 1);

        assertThatThrownBy(() -> bulkhead.call(() -> "second")).isInstanceOf(PasswordHashingBusyException.class);
    }

    @Test
    void callWhenQueuedAndNoSlotFreesWithinMaxWaitThenBusy() {
        PasswordHashingBulkhead bulkhead = new PasswordHashingBulkhead(1, 1, Duration.ZERO);
        this.callers.submit(() -> bulkhead.call(this::blockedHash));
        await().until(() -> bulkhead.inFlight() == 1);

        // admitted to the queue, but a zero wait gives up at once
        assertThatThrownBy(() -> bulkhead.call(() -> "second")).isInstanceOf(PasswordHashingBusyException.class);
        assertThat(bulkhead.inFlight()).isEqualTo(1);
    }

    @Test
    void callWhenHashThrowsThenSlotIsReturned() {
        PasswordHashingBulkhead bulkhead = new PasswordHashingBulkhead(1, 0, Duration.ZERO);

        assertThatThrownBy(() -> bulkhead.call(() -> {
                    throw new IllegalStateException("boom");
                }))
                .isInstanceOf(IllegalStateException.class);
        assertThat(bulkhead.call(() -> "after")).isEqualTo("after");
    }

    @Test
    void callWhenNoCallerRefusedThenHashRunsOnTheCallersThread() {
        try (PasswordHashingBulkhead bulkhead = new PasswordHashingBulkhead(1, 1, Duration.ofDays(1), 7)) {
            assertThat(bulkhead.isFlooded()).isFalse();
            assertThat(bulkhead.call(() -> Thread.currentThread().getName()))
                    .isEqualTo(Thread.currentThread().getName());
        }
    }

    @Test
    void callWhileCallersAreRefusedThenHashRunsOnANicedThreadOfItsOwn() throws Exception {
        assumeTrue(ownNiceness() == 0, "Linux with /proc, running at nice 0");
        try (PasswordHashingBulkhead bulkhead = new PasswordHashingBulkhead(1, 0, Duration.ofDays(1), 7)) {
            Future<String> running = this.callers.submit(() -> bulkhead.call(this::blockedHash));
            await().until(() -> bulkhead.inFlight() == 1);
            assertThatThrownBy(() -> bulkhead.call(() -> "second")).isInstanceOf(PasswordHashingBusyException.class);
            assertThat(bulkhead.isFlooded()).isTrue();
            this.release.countDown();
            assertThat(running.get()).isEqualTo("hashed");

            String where = bulkhead.call(() -> Thread.currentThread().getName() + " " + ownNiceness());

            assertThat(where).isEqualTo("phoenix-password-hash-1 7");
            assertThat(ownNiceness()).isZero();
            assertThatThrownBy(() -> bulkhead.call(() -> {
                        throw new IllegalStateException("boom");
                    }))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("boom");
            assertThat(bulkhead.call(() -> "after")).isEqualTo("after");
            assertThat(bulkhead.inFlight()).isZero();
        }
    }

    @Test
    void callWhenClosedDuringAFloodThenHashRunsOnTheCallersThread() {
        PasswordHashingBulkhead bulkhead = new PasswordHashingBulkhead(1, 0, Duration.ZERO, 7);
        bulkhead.countRejected();
        bulkhead.close();

        assertThat(bulkhead.call(() -> Thread.currentThread().getName()))
                .isEqualTo(Thread.currentThread().getName());
    }

    @Test
    void countRejectedThenFlooded() {
        PasswordHashingBulkhead bulkhead = new PasswordHashingBulkhead(1, 0, Duration.ZERO);
        assertThat(bulkhead.isFlooded()).isFalse();

        bulkhead.countRejected();

        assertThat(bulkhead.isFlooded()).isTrue();
        assertThat(bulkhead.rejected()).isEqualTo(1);
    }

    @Test
    void constructorWhenNiceValueOutOfRangeThenRefused() {
        assertThatThrownBy(() -> new PasswordHashingBulkhead(1, 0, Duration.ZERO, 20))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PasswordHashingBulkhead(1, 0, Duration.ZERO, -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void constructorWhenNoThreadsOrNegativeQueueThenRefused() {
        assertThatThrownBy(() -> new PasswordHashingBulkhead(0, 1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PasswordHashingBulkhead(1, -1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(PasswordHashingBulkhead.defaultThreads())
                .isBetween(1, Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    @Test
    void needsRehashWhenSaturatedThenFalseSoASignInIsNotTurnedIntoABusyAnswer() {
        PasswordHashingBulkhead bulkhead = new PasswordHashingBulkhead(1, 0, Duration.ZERO);
        BulkheadPasswordHasher hasher = new BulkheadPasswordHasher(new OldHashes(), bulkhead);
        assertThat(hasher.needsRehash("old")).isTrue();

        this.callers.submit(() -> bulkhead.call(this::blockedHash));
        await().until(() -> !bulkhead.hasFreeSlot());

        assertThat(hasher.needsRehash("old")).isFalse();
        assertThatThrownBy(() -> hasher.matches("pw", "old")).isInstanceOf(PasswordHashingBusyException.class);
        assertThatThrownBy(() -> hasher.hash("pw")).isInstanceOf(PasswordHashingBusyException.class);
    }

    /** The calling thread's nice value, from {@code /proc/thread-self/stat}; -100 where there is none. */
    private static int ownNiceness() {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/thread-self/stat"));
            // pid (comm) state ppid ...: the fields after the command, which may hold spaces
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ", -1);
            return Integer.parseInt(fields[16]); // field 19 of proc(5): nice
        } catch (java.io.IOException | RuntimeException ex) {
            return -100;
        }
    }

    private String blockedHash() {
        try {
            this.release.await();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        return "hashed";
    }

    /** Every stored hash is old; hashing is instant. */
    private static final class OldHashes implements PasswordHasher {

        @Override
        public String hash(CharSequence rawPassword) {
            return "new";
        }

        @Override
        public boolean matches(CharSequence rawPassword, String encodedHash) {
            return true;
        }

        @Override
        public boolean needsRehash(String encodedHash) {
            return true;
        }
    }
}
