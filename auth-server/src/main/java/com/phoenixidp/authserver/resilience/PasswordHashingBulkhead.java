package com.phoenixidp.authserver.resilience;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * A bulkhead around password hashing (bcrypt, ~100 ms of CPU by design): at most {@code threads}
 * hashes run at once, at most {@code queue} more callers wait for a slot (and none longer than
 * {@code maxWait}); any further caller gets {@link PasswordHashingBusyException} at once. So a
 * flood of password sign-ins uses at most {@code threads} cores and cannot queue without bound
 * in front of the token endpoint's other work; capacity is {@code threads} / one hash's time.
 *
 * <p>The hash runs on the caller's thread (a semaphore, not a thread pool): the point is to bound
 * how many run, not to move them.
 */
public final class PasswordHashingBulkhead {

    private final int threads;

    private final int queue;

    private final Duration maxWait;

    /** Admission: running + waiting; tried without waiting. */
    private final Semaphore admitted;

    /** Running hashes; waited for (in arrival order) at most {@link #maxWait}. */
    private final Semaphore running;

    private final LongAdder rejected = new LongAdder();

    public PasswordHashingBulkhead(int threads, int queue, Duration maxWait) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        if (queue < 0) {
            throw new IllegalArgumentException("queue must not be negative, was " + queue);
        }
        this.threads = threads;
        this.queue = queue;
        this.maxWait = Objects.requireNonNull(maxWait, "maxWait");
        this.admitted = new Semaphore(threads + queue);
        this.running = new Semaphore(threads, true);
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
                return hashing.get();
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
        this.rejected.increment();
        return new PasswordHashingBusyException();
    }
}
