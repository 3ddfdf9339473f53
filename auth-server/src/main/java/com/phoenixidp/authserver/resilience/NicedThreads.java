package com.phoenixidp.authserver.resilience;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Daemon threads that lower their own scheduling priority (raise their Linux nice value) when they
 * start, so that while the processors are busy they get a smaller share of them than the request
 * threads; while a processor is idle they run at full speed as before. Java 17 has no call for a
 * thread's nice value (its thread priorities are ignored on Linux unless the JVM runs with
 * {@code -XX:ThreadPriorityPolicy=1}), so each thread runs {@code renice -n N -p <its id>} once,
 * its id read from {@code /proc/thread-self}. Raising one's own nice value needs no privilege.
 * Where that fails (not Linux, no {@code renice}), the threads run at normal priority and the
 * first one says so in the log once.
 */
final class NicedThreads implements ThreadFactory {

    private static final Logger LOG = LoggerFactory.getLogger(NicedThreads.class);

    private final String prefix;

    private final int niceness;

    private final AtomicInteger count = new AtomicInteger();

    private final AtomicBoolean warned = new AtomicBoolean();

    /**
     * @param niceness the nice value the threads set for themselves, 0 (unchanged) to 19 (lowest)
     */
    NicedThreads(String prefix, int niceness) {
        if (niceness < 0 || niceness > 19) {
            throw new IllegalArgumentException("niceness must be between 0 and 19, was " + niceness);
        }
        this.prefix = prefix;
        this.niceness = niceness;
    }

    @Override
    public Thread newThread(Runnable work) {
        Thread thread = new Thread(
                () -> {
                    if (this.niceness > 0) {
                        lowerOwnPriority();
                    }
                    work.run();
                },
                this.prefix + this.count.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }

    private void lowerOwnPriority() {
        String failure;
        try {
            Path self = Files.readSymbolicLink(Path.of("/proc/thread-self")); // <pid>/task/<tid>
            String tid = self.getFileName().toString();
            Process renice = new ProcessBuilder("renice", "-n", Integer.toString(this.niceness), "-p", tid)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!renice.waitFor(10, TimeUnit.SECONDS)) {
                renice.destroyForcibly();
                failure = "renice did not finish";
            } else if (renice.exitValue() != 0) {
                failure = "renice exited with " + renice.exitValue();
            } else {
                return;
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            failure = "interrupted";
        } catch (IOException | UnsupportedOperationException ex) {
            failure = ex.getClass().getSimpleName();
        }
        if (this.warned.compareAndSet(false, true)) {
            LOG.info(
                    "{} threads run at normal priority: could not set their nice value to {} ({})",
                    this.prefix,
                    this.niceness,
                    failure);
        }
    }
}
