package com.phoenixidp.authserver.resilience;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A bulkhead around password hashing (bcrypt, ~100 ms of CPU by design): at most {@code threads}
 * hashes run at once, at most {@code queue} more callers wait for a slot (and none longer than
 * {@code maxWait}); any further caller gets {@link PasswordHashingBusyException} at once. So a
 * flood of password sign-ins uses at most {@code threads} cores and cannot queue without bound
 * in front of the token endpoint's other work; capacity is {@code threads} / one hash's time.
 *
 * <p>During a flood, that is while the bulkhead refuses callers (one refused within the last
 * {@link #FLOOD_WINDOW}), and with a {@code floodNiceness} above 0, the hashes run on {@code
 * threads} threads of their own that lowered their scheduling priority ({@link NicedThreads}), the
 * caller waiting for the result: while the processors are busy the flood's hashes then get a
 * smaller share of them than the request threads (the token endpoint, say), and more of the flood
 * is refused; on an idle processor a hash runs at full speed. Otherwise the hash runs on the
 * caller's thread at its priority, so a sign-in on a server busy with other work is not slowed.
 */
public final class PasswordHashingBulkhead implements AutoCloseable {

    private final int threads;

    private final int queue;

    private final Duration maxWait;

    /** Admission: running + waiting; tried without waiting. */
    private final Semaphore admitted;

    /** Running hashes; waited for (in arrival order) at most {@link #maxWait}. */
    private final Semaphore running;

    private final LongAdder rejected = new LongAdder();

    /** How long after the last refusal hashes still run on the niced threads. */
    static final Duration FLOOD_WINDOW = Duration.ofSeconds(5);

    /** Where hashes run during a flood; null: always on the caller's thread. */
    private final @Nullable ExecutorService flooded;

    /** {@link System#nanoTime()} of the last refusal; long ago at start. */
    private volatile long lastRefusal = System.nanoTime() - 2 * FLOOD_WINDOW.toNanos();

    /** Hashes on the callers' threads, at their priority, flood or not. */
    public PasswordHashingBulkhead(int threads, int queue, Duration maxWait) {
        this(threads, queue, maxWait, 0);
    }

    /**
     * @param floodNiceness the nice value (1 to 19) of the threads the hashes run on during a flood;
     *     0 runs them on the caller's thread then too
     */
    public PasswordHashingBulkhead(int threads, int queue, Duration maxWait, int floodNiceness) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        if (queue < 0) {
            throw new IllegalArgumentException("queue must not be negative, was " + queue);
        }
        if (floodNiceness < 0 || floodNiceness > 19) {
            throw new IllegalArgumentException("floodNiceness must be between 0 and 19, was " + floodNiceness);
        }
        this.threads = threads;
        this.queue = queue;
        this.maxWait = Objects.requireNonNull(maxWait, "maxWait");
        this.admitted = new Semaphore(threads + queue);
        this.running = new Semaphore(threads, true);
        // the running semaphore lets at most `threads` hashes in, so the pool's queue stays empty
        this.flooded = (floodNiceness > 0)
                ? Executors.newFixedThreadPool(threads, new NicedThreads("phoenix-password-hash-", floodNiceness))
                : null;
    }

    /** Half the available processors, at least 1: the default of {@code phoenix.password.hash-threads}. */
    public static int defaultThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    /**
     * Runs {@code hashing} in a slot.
     *
     * @throws PasswordHashingBusyException when no slot is free and the queue is full, or no slot
     *     freed up within the maximum wait
     */
    public <T> T call(Supplier<T> hashing) {
        if (!this.admitted.tryAcquire()) {
            throw busy();
        }
        try {
            if (!this.running.tryAcquire(this.maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw busy();
            }
            try {
                return run(hashing);
            } finally {
                this.running.release();
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw busy();
        } finally {
            this.admitted.release();
        }
    }

    private <T> T run(Supplier<T> hashing) {
        ExecutorService pool = this.flooded;
        if (pool == null || !isFlooded()) {
            return hashing.get();
        }
        Future<T> result;
        try {
            result = pool.submit(hashing::get);
        } catch (RejectedExecutionException ex) {
            return hashing.get(); // closed: the application is stopping
        }
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    // not given up on interruption: the slot is released when the hash is done
                    return result.get();
                } catch (InterruptedException ex) {
                    interrupted = true;
                }
            }
        } catch (ExecutionException ex) {
            Throwable cause = ex.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("password hashing failed", cause);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Stops the hashing threads (a hash running finishes first). */
    @Override
    public void close() {
        if (this.flooded != null) {
            this.flooded.shutdown();
        }
    }

    /** True while callers are being refused: one was within the last {@link #FLOOD_WINDOW}. */
    public boolean isFlooded() {
        return System.nanoTime() - this.lastRefusal < FLOOD_WINDOW.toNanos();
    }

    /** True when a hash could start now without waiting (a hint: another caller may take it first). */
    public boolean hasFreeSlot() {
        return this.running.availablePermits() > 0;
    }

    /** True when every slot and queue place is taken: a caller now would be refused at once. */
    public boolean isFull() {
        return this.admitted.availablePermits() == 0;
    }

    /** Counts a caller refused without calling {@link #call} (an early refusal at the edge). */
    public void countRejected() {
        this.rejected.increment();
        this.lastRefusal = System.nanoTime();
    }

    /** Hashes running or waiting now. */
    public int inFlight() {
        return this.threads + this.queue - this.admitted.availablePermits();
    }

    public int threads() {
        return this.threads;
    }

    public int queue() {
        return this.queue;
    }

    /** Callers refused since start. */
    public long rejected() {
        return this.rejected.sum();
    }

    private PasswordHashingBusyException busy() {
        countRejected();
        return new PasswordHashingBusyException();
    }
}
