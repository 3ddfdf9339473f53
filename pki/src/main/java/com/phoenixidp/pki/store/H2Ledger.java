package com.phoenixidp.pki.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The CLI's ledger: an H2 database in file mode inside the CA directory, opened with
 * {@code AUTO_SERVER=TRUE} so that several processes (a running {@code pki ocsp}, a
 * {@code pki revoke}, the auth-server) share it; the first process serves the others over a
 * TCP socket. A small connection pool keeps connections open between calls.
 *
 * <p>{@code WRITE_DELAY=0}: each commit is written to the file before it returns, so a certificate
 * recorded (and handed out) survives the serving process being killed; H2's default writes
 * commits in the background up to 500 ms later.
 *
 * <p>{@code RETENTION_TIME=5000}: every commit writes a new copy-on-write chunk (~25–35 KB per
 * certificate), and H2 reuses a replaced chunk's space only after the retention time; at its
 * default, 45 s, a ledger recording 4,000 certificates/s grew to 2.1 GB for 60,000 rows. A daemon
 * thread forces the file to disk once a second ({@code CHECKPOINT SYNC}), so a chunk is on disk
 * long before its space can be reused (H2's assumption behind the retention time); that also
 * bounds what a power cut can lose to about a second.
 *
 * <p>H2 starts that socket with {@code -tcpAllowOthers}; unless the JVM already set
 * {@code h2.bindAddress}, this class sets it to 127.0.0.1 before H2 loads, so the ledger is
 * reachable from this host only. Access further needs the random key in {@code ledger.lock.db}
 * and the ledger password, both inside the owner-only CA directory.
 */
public final class H2Ledger implements AutoCloseable {

    private final JdbcConnectionPool pool;
    private final JdbcCertificateStore store;

    private final ScheduledExecutorService sync;

    private H2Ledger(JdbcConnectionPool pool) {
        this.pool = pool;
        this.store = new JdbcCertificateStore(pool);
        this.sync = Executors.newSingleThreadScheduledExecutor((task) -> {
            Thread thread = new Thread(task, "pki-ledger-sync");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Opens (creating if needed) {@code dir/ledger.mv.db}.
     *
     * @param dir      CA directory
     * @param password the ledger password stored in the CA directory
     */
    public static H2Ledger open(Path dir, char[] password) {
        if (System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", "127.0.0.1");
        }
        String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("ledger")
                + ";AUTO_SERVER=TRUE;WRITE_DELAY=0;RETENTION_TIME=5000";
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "phoenix", new String(password));
        pool.setMaxConnections(8);
        H2Ledger ledger = new H2Ledger(pool);
        try {
            LedgerSchema.migrate(pool);
        } catch (RuntimeException e) {
            ledger.close();
            throw e;
        }
        // syncToDisk catches everything, so the future never completes exceptionally
        Future<?> unused = ledger.sync.scheduleWithFixedDelay(ledger::syncToDisk, 1, 1, TimeUnit.SECONDS);
        return ledger;
    }

    /** The pooled data source. */
    public DataSource dataSource() {
        return pool;
    }

    /** A store over this ledger. */
    public CertificateStore store() {
        return store;
    }

    private void syncToDisk() {
        try (Connection connection = pool.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CHECKPOINT SYNC");
        } catch (SQLException | RuntimeException e) {
            // a full disk or a closing pool: the next commit reports it; try again in a second
        }
    }

    @Override
    public void close() {
        // no interrupt: one interrupted in the middle of a file operation closes H2's file channel
        sync.shutdown();
        try {
            sync.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.close();
        pool.dispose();
    }
}
