package com.phoenixidp.authserver.backup;

import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Forces the embedded H2 database file to disk once a second ({@code CHECKPOINT SYNC}); does
 * nothing on PostgreSQL or an in-memory database.
 *
 * <p>With {@code WRITE_DELAY=0} each commit is written to the file before it returns, which
 * survives the process being killed, but stays in the operating system's cache until the kernel
 * writes it back (on Linux up to ~30 s later). The default URL also shortens H2's {@code
 * RETENTION_TIME} (how long the space of a replaced chunk is kept before reuse) from 45 s to 5 s,
 * which keeps the file small under load; H2 assumes a written chunk reaches the disk within that
 * time, and this task makes that true. It also bounds what a power cut can lose to about a second.
 *
 * <p>It runs on a thread of its own, stopped without an interrupt before the data source closes:
 * an interrupt in the middle of a file operation would close H2's file channel (the shared
 * scheduler interrupts its tasks when the application stops).
 */
@Component
final class H2FileSync implements InitializingBean, DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(H2FileSync.class);

    private final JdbcTemplate jdbc;

    private final DatabaseBackup database;

    private @Nullable Boolean embedded;

    private boolean failing;

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((task) -> {
        Thread thread = new Thread(task, "phoenix-h2-sync");
        thread.setDaemon(true);
        return thread;
    });

    H2FileSync(JdbcTemplate jdbc, DatabaseBackup database) {
        this.jdbc = jdbc;
        this.database = database;
    }

    @Override
    public void afterPropertiesSet() {
        // sync() catches what a failed sync throws, so the future never completes exceptionally
        Future<?> unused = this.executor.scheduleWithFixedDelay(this::sync, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public void destroy() throws InterruptedException {
        this.executor.shutdown();
        this.executor.awaitTermination(10, TimeUnit.SECONDS);
    }

    void sync() {
        try {
            Boolean isEmbedded = this.embedded;
            if (isEmbedded == null) {
                isEmbedded = this.database.embeddedDatabaseName().isPresent();
                this.embedded = isEmbedded;
            }
            if (isEmbedded) {
                this.jdbc.execute("CHECKPOINT SYNC");
                if (this.failing) {
                    LOG.info("The embedded database file is written to disk again");
                    this.failing = false;
                }
            }
        } catch (RuntimeException ex) {
            // a full disk or a read-only data directory: requests report it (503 and a log line);
            // say it here once, not every second
            if (!this.failing) {
                Throwable cause = (ex instanceof DataAccessException dae) ? dae.getMostSpecificCause() : ex;
                LOG.warn("Cannot force the embedded database file to disk: {}", cause.toString());
                this.failing = true;
            }
        }
    }
}
