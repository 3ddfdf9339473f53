package com.phoenixidp.pki.store;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.h2.api.ErrorCode;
import org.h2.jdbcx.JdbcConnectionPool;
import org.jspecify.annotations.Nullable;

/**
 * The CA's ledger: an H2 database in file mode inside the CA directory, opened with
 * {@code AUTO_SERVER=TRUE} so that several processes (a running {@code pki ocsp}, a
 * {@code pki revoke}, the auth-server) share it; the first process serves the others over a
 * TCP socket. A small connection pool keeps connections open between calls.
 *
 * <p>Durable under {@code kill -9} without a file write per certificate: H2 writes its commits in
 * the background ({@code WRITE_DELAY=500}, H2's default, set explicitly because the setting is
 * stored in the database and earlier versions stored 0), and each certificate record is appended
 * to the {@link LedgerJournal} before its caller returns; opening the ledger inserts what the
 * database file is missing from the journal. Revocations and CRL numbers, rare, are forced to the
 * file at once ({@code CHECKPOINT}), and so is every write of a process that does not hold the
 * journal (another process journals; this one takes it over once that one is gone). Before,
 * with {@code WRITE_DELAY=0}, every certificate was its own H2 chunk of 15–30 KB (mostly H2's
 * chunk list), ~250 µs of CPU each, and nothing compacted the file while it ran: 2 GB for
 * 140,000 certificates.
 *
 * <p>Once a second a daemon thread switches the journal to its other file, forces the database
 * file to disk ({@code CHECKPOINT SYNC}) and empties the journal file it left; that bounds what a
 * power cut can lose to about a second. If H2 reopened the database in the meantime (it closes it
 * after a failed write, and the pool's next connection reopens it without the commits not yet
 * written), the journal's records are inserted again before anything is emptied; a lookup that
 * finds nothing makes the same check at once. {@code RETENTION_TIME=5000}: H2 reuses a replaced
 * chunk's space only after 5 s (its default, 45 s, grows the file under load), and by then the
 * chunk that replaced it is on disk (H2's assumption behind the retention time).
 *
 * <p>H2 starts that socket with {@code -tcpAllowOthers}; unless the JVM already set
 * {@code h2.bindAddress}, this class sets it to 127.0.0.1 before H2 loads, so the ledger is
 * reachable from this host only. Access further needs the random key in {@code ledger.lock.db}
 * and the ledger password, both inside the owner-only CA directory.
 */
public final class H2Ledger implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(H2Ledger.class.getName());

    private final Path dir;
    private final JdbcConnectionPool pool;
    private final JdbcCertificateStore store;
    private final ScheduledExecutorService sync;
    private volatile @Nullable LedgerJournal journal;

    /** This ledger's row in {@code pki_ledger_instance}, a table that lasts as long as H2's open database. */
    private final String instance = UUID.randomUUID().toString();

    private H2Ledger(Path dir, JdbcConnectionPool pool) {
        this.dir = dir;
        this.pool = pool;
        this.store = new JdbcCertificateStore(pool, new Durability());
        this.sync = Executors.newSingleThreadScheduledExecutor((task) -> {
            Thread thread = new Thread(task, "pki-ledger-sync");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Opens (creating if needed) {@code dir/ledger.mv.db}; when this process can take the journal,
     * first inserts the records that a process killed before left only in the journal.
     *
     * @param dir      CA directory
     * @param password the ledger password stored in the CA directory
     */
    public static H2Ledger open(Path dir, char[] password) {
        if (System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", "127.0.0.1");
        }
        String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("ledger")
                + ";AUTO_SERVER=TRUE;WRITE_DELAY=500;RETENTION_TIME=5000";
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "phoenix", new String(password));
        pool.setMaxConnections(8);
        H2Ledger ledger = new H2Ledger(dir, pool);
        try {
            LedgerSchema.migrate(pool);
            ledger.takeJournal();
        } catch (RuntimeException e) {
            ledger.close();
            throw e;
        }
        // syncToDisk catches everything, so the future never completes exceptionally
        Future<?> unused = ledger.sync.scheduleWithFixedDelay(ledger::syncToDisk, 1, 1, TimeUnit.SECONDS);
        return ledger;
    }

    /** The pooled data source, for reading: a write through it is not journaled or forced to disk. */
    public DataSource dataSource() {
        return pool;
    }

    /** A store over this ledger. */
    public CertificateStore store() {
        return store;
    }

    /** Whether this process journals its records (else it forces each to disk). */
    boolean journaling() {
        return journal != null;
    }

    /**
     * Takes the journal if no other ledger holds it: inserts the records a killed holder left,
     * forces them to disk, empties the journal and from then on journals.
     */
    private void takeJournal() {
        try {
            LedgerJournal taken = LedgerJournal.tryOpen(dir);
            if (taken == null) {
                return;
            }
            try {
                replay(taken);
                markInstance();
                forceToDisk();
                taken.clearAll();
            } catch (IOException | SQLException | RuntimeException e) {
                taken.close();
                throw e;
            }
            journal = taken;
        } catch (IOException | SQLException e) {
            throw new LedgerException("cannot open the ledger journal in " + dir + ": " + e.getMessage(), e);
        }
    }

    private void syncToDisk() {
        try {
            if (journal == null) {
                takeJournal();
            }
            LedgerJournal current = journal;
            int left = current == null ? -1 : current.rotate();
            forceToDisk();
            if (current != null) {
                restoreIfReopened(current);
                current.clear(left);
            }
        } catch (IOException | SQLException | RuntimeException e) {
            // a full disk or a closing pool: the next commit reports it; try again in a second
        }
    }

    /**
     * If H2 reopened the database since it was marked (after a failed write, or the process serving
     * it went away), the commits it had not written are gone from the database but not from the
     * journal: inserts them again and forces them to disk. Called by the sync thread before it
     * empties a journal file, by a lookup that found nothing (so OCSP need not answer "unknown"
     * until the next tick) and by {@link #close()}; one at a time.
     *
     * @return whether the database had been reopened
     */
    private synchronized boolean restoreIfReopened(LedgerJournal current) throws IOException, SQLException {
        if (sameInstance()) {
            return false;
        }
        replay(current);
        markInstance();
        forceToDisk();
        return true;
    }

    /** Inserts what the journal holds and the database lacks. */
    private void replay(LedgerJournal from) throws IOException {
        List<CertificateRecord> held = from.read();
        if (!held.isEmpty()) {
            int inserted = store.insertMissing(held);
            if (inserted > 0) {
                LOG.info(() -> "inserted " + inserted + " certificate record(s) from the ledger journal in " + dir
                        + " that the database lacked (a process was stopped abruptly, or H2 reopened the database)");
            }
        }
    }

    /**
     * Marks the open database: a global temporary table is not stored, so it is gone once H2
     * reopens the database, whether this process reopened it or another one now serves it.
     */
    private void markInstance() throws SQLException {
        try (Connection connection = pool.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(
                    "CREATE GLOBAL TEMPORARY TABLE IF NOT EXISTS pki_ledger_instance (id VARCHAR(36) PRIMARY KEY)");
            statement.execute("MERGE INTO pki_ledger_instance (id) VALUES ('" + instance + "')");
        }
    }

    /** Whether the database is still the one {@link #markInstance} marked. */
    private boolean sameInstance() throws SQLException {
        try (Connection connection = pool.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rs =
                        statement.executeQuery("SELECT 1 FROM pki_ledger_instance WHERE id = '" + instance + "'")) {
            return rs.next();
        } catch (SQLException e) {
            if (e.getErrorCode() == ErrorCode.TABLE_OR_VIEW_NOT_FOUND_1) {
                return false;
            }
            throw e;
        }
    }

    /** Writes every commit so far to the database file and forces it to disk. */
    private void forceToDisk() throws SQLException {
        try (Connection connection = pool.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CHECKPOINT SYNC");
        }
    }

    /** Journals new records while this process holds the journal, else forces every write to the file. */
    private final class Durability implements LedgerDurability {

        @Override
        public void recorded(List<CertificateRecord> records, Connection connection) throws SQLException, IOException {
            LedgerJournal current = journal;
            if (current != null) {
                current.append(records);
            } else {
                changed(connection);
            }
        }

        @Override
        public void changed(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CHECKPOINT");
            }
        }

        @Override
        public boolean restoreLost() {
            LedgerJournal current = journal;
            if (current == null) {
                return false; // nothing lost: without the journal every write is forced to the file
            }
            try {
                return restoreIfReopened(current);
            } catch (IOException | SQLException | RuntimeException e) {
                return false; // the database is not back yet; the sync thread retries every second
            }
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
        // in a JVM shutdown, H2's own hook may have closed the database: nothing more is written or
        // returned to the pool (pool.dispose() below closes what is left), the journal stays
        boolean shutdown = shutdownInProgress();
        if (!shutdown) {
            store.close();
        }
        LedgerJournal current = journal;
        journal = null;
        if (current != null && !shutdown) {
            try {
                restoreIfReopened(current);
                forceToDisk();
                current.clearAll();
            } catch (IOException | SQLException | RuntimeException e) {
                // the journal keeps the records; the next open inserts what the file lacks
            }
        }
        if (current != null) {
            try {
                current.close();
            } catch (IOException e) {
                // releasing the lock failed: the process is about to let go of it anyway
            }
        }
        pool.dispose();
    }

    /**
     * Whether the JVM is running its shutdown hooks. H2 closes its databases in a hook of its own
     * (writing what was committed), concurrently with the caller's (Spring's, in the auth-server):
     * once it has, any statement fails, and H2 writes that failure as a stack trace to
     * {@code ledger.trace.db} on every clean stop (even for returning a connection to the pool). So
     * {@link #close()} leaves the database alone then and keeps the journal, whose records the next
     * open finds already in the file (or inserts).
     * The test is H2's own: a hook cannot be added once shutdown has begun.
     */
    private static boolean shutdownInProgress() {
        Thread probe = new Thread(() -> {});
        try {
            Runtime.getRuntime().addShutdownHook(probe);
        } catch (IllegalStateException e) {
            return true;
        }
        Runtime.getRuntime().removeShutdownHook(probe);
        return false;
    }
}
