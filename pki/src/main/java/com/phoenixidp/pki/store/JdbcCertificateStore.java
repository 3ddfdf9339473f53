package com.phoenixidp.pki.store;

import com.phoenixidp.pki.revocation.RevocationReason;
import java.io.IOException;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * {@link CertificateStore} over JDBC (H2 in file mode for the CLI; any {@link DataSource} with
 * the {@link LedgerSchema} tables, e.g. the auth-server's pool). Each call is one auto-committed
 * statement or one short transaction, so a returned call is durably recorded. Issuance, the hot
 * path, reuses one connection and prepared INSERT (serialised by a lock) instead of borrowing
 * a connection and re-parsing the statement per certificate, and concurrent issuers share
 * commits (see {@link #record}); {@link #close()} returns the connection. Where the database's
 * commit is not durable by itself (the H2 ledger), a {@link LedgerDurability} makes each change
 * durable before its caller returns.
 */
public final class JdbcCertificateStore implements CertificateStore, AutoCloseable {

    private static final String COLUMNS =
            "serial, subject, sans, profile, not_before, not_after, issued_at, revoked_at, revocation_reason, der";

    private static final String INSERT =
            "INSERT INTO pki_certificates (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final DataSource dataSource;
    private final LedgerDurability durability;
    private final Object writeLock = new Object();
    private final ConcurrentLinkedQueue<PendingRecord> pending = new ConcurrentLinkedQueue<>();
    private @Nullable Connection writeConnection;
    private @Nullable PreparedStatement insert;

    /** A store whose database makes a commit durable by itself (PostgreSQL, H2 with {@code WRITE_DELAY=0}). */
    public JdbcCertificateStore(DataSource dataSource) {
        this(dataSource, LedgerDurability.COMMIT);
    }

    JdbcCertificateStore(DataSource dataSource, LedgerDurability durability) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.durability = Objects.requireNonNull(durability, "durability");
    }

    /**
     * Records one certificate and returns once it is committed. Concurrent callers share commits
     * (group commit): each queues its record, and whoever holds the writer lock inserts every
     * record queued so far in one transaction, so N issuers arriving during a commit cost one
     * commit, not N (a commit, not the insert, is what costs: an H2 chunk or a PostgreSQL WAL
     * flush). A caller whose record another committed finds it done when it gets the lock. If a
     * shared transaction fails, each of its records is tried again alone, so one bad record (a
     * duplicate serial) fails only its own caller. The committed records are then made durable
     * together ({@link LedgerDurability#recorded}); if that fails, so do their callers.
     */
    @Override
    public void record(CertificateRecord record) {
        PendingRecord mine = new PendingRecord(record);
        pending.add(mine);
        synchronized (writeLock) {
            if (!mine.done) {
                List<PendingRecord> batch = new ArrayList<>();
                for (PendingRecord next; (next = pending.poll()) != null; ) {
                    batch.add(next);
                }
                boolean answered = false;
                try {
                    writeBatch(batch);
                    makeDurable(batch);
                    answered = true;
                } finally {
                    if (!answered) {
                        // an unexpected exception must not leave another caller's record unanswered
                        failUnanswered(batch);
                    }
                }
            }
            LedgerException failure = mine.failure;
            if (failure != null) {
                throw failure;
            }
        }
    }

    /** Commits the batch in one transaction, or, if that fails, each record alone. */
    private void writeBatch(List<PendingRecord> batch) {
        if (batch.size() > 1) {
            boolean clean = false;
            try {
                PreparedStatement ps = insertStatement();
                Connection connection = Objects.requireNonNull(writeConnection, "writeConnection");
                connection.setAutoCommit(false);
                try {
                    for (PendingRecord each : batch) {
                        bind(ps, each.record);
                        ps.executeUpdate();
                    }
                    connection.commit();
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                }
                batch.forEach(each -> each.done = true);
                connection.setAutoCommit(true);
                clean = true;
                return;
            } catch (SQLException e) {
                if (batch.get(0).done) {
                    return; // committed; only restoring auto-commit failed (the connection is discarded below)
                }
                // not committed: alone, each record fails or succeeds on its own
            } finally {
                if (!clean) {
                    closeWriter(); // never leave the writer in a transaction: the single path relies on auto-commit
                }
            }
        }
        for (PendingRecord each : batch) {
            try {
                PreparedStatement ps = insertStatement();
                bind(ps, each.record);
                ps.executeUpdate();
            } catch (SQLException e) {
                closeWriter();
                each.failure = new LedgerException(
                        "cannot record certificate " + each.record.serialHex() + ": " + e.getMessage(), e);
            }
            each.done = true;
        }
    }

    /** Runs the durability step for the records committed; on failure they fail too (their rows stay). */
    private void makeDurable(List<PendingRecord> batch) {
        List<PendingRecord> committed = new ArrayList<>(batch.size());
        List<CertificateRecord> records = new ArrayList<>(batch.size());
        for (PendingRecord each : batch) {
            if (each.failure == null) {
                committed.add(each);
                records.add(each.record);
            }
        }
        if (committed.isEmpty()) {
            return;
        }
        try {
            durability.recorded(records, insertStatement().getConnection());
        } catch (SQLException | IOException e) {
            closeWriter();
            for (PendingRecord each : committed) {
                each.failure = new LedgerException(
                        "cannot record certificate " + each.record.serialHex() + ": committed, but not made durable: "
                                + e.getMessage(),
                        e);
            }
        }
    }

    private static void failUnanswered(List<PendingRecord> batch) {
        for (PendingRecord each : batch) {
            if (each.failure == null) {
                each.failure = new LedgerException(
                        "cannot record certificate " + each.record.serialHex() + ": the shared commit failed");
                each.done = true;
            }
        }
    }

    /**
     * Inserts the records whose serial is not in the ledger yet (replaying a journal); returns how
     * many. One transaction, made durable like any other change.
     */
    int insertMissing(List<CertificateRecord> records) {
        synchronized (writeLock) {
            int inserted = 0;
            try (Connection c = dataSource.getConnection();
                    PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pki_certificates WHERE serial = ?");
                    PreparedStatement ps = c.prepareStatement(INSERT)) {
                c.setAutoCommit(false);
                try {
                    for (CertificateRecord record : records) {
                        exists.setString(1, record.serialHex());
                        boolean present;
                        try (ResultSet rs = exists.executeQuery()) {
                            present = rs.next();
                        }
                        if (!present) {
                            bind(ps, record);
                            ps.executeUpdate();
                            inserted++;
                        }
                    }
                    c.commit();
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                } finally {
                    c.setAutoCommit(true);
                }
                durability.changed(c);
            } catch (SQLException e) {
                throw new LedgerException("cannot replay the ledger journal: " + e.getMessage(), e);
            }
            return inserted;
        }
    }

    private static void bind(PreparedStatement ps, CertificateRecord record) throws SQLException {
        ps.setString(1, record.serialHex());
        ps.setString(2, record.subject());
        ps.setString(3, String.join("\n", record.subjectAltNames()));
        ps.setString(4, record.profile());
        ps.setObject(5, time(record.notBefore()));
        ps.setObject(6, time(record.notAfter()));
        ps.setObject(7, time(record.issuedAt()));
        ps.setObject(8, record.revokedAt() == null ? null : time(record.revokedAt()));
        ps.setString(
                9,
                record.revocationReason() == null
                        ? null
                        : record.revocationReason().name());
        ps.setBytes(10, record.der());
    }

    /** A record waiting for a commit; its fields are written and read under the writer lock only. */
    private static final class PendingRecord {
        final CertificateRecord record;
        boolean done;

        @Nullable
        LedgerException failure;

        PendingRecord(CertificateRecord record) {
            this.record = record;
        }
    }

    private PreparedStatement insertStatement() throws SQLException {
        Connection connection = writeConnection;
        PreparedStatement statement = insert;
        if (statement == null || connection == null || connection.isClosed()) {
            closeWriter();
            connection = dataSource.getConnection();
            writeConnection = connection;
            connection.setAutoCommit(true);
            statement = connection.prepareStatement(INSERT);
            insert = statement;
        }
        return statement;
    }

    private void closeWriter() {
        try {
            if (writeConnection != null) {
                writeConnection.close();
            }
        } catch (SQLException ignored) {
            // the connection is being discarded anyway
        } finally {
            writeConnection = null;
            insert = null;
        }
    }

    /** Returns the writer connection to its data source. */
    @Override
    public void close() {
        synchronized (writeLock) {
            closeWriter();
        }
    }

    @Override
    public Optional<CertificateRecord> find(BigInteger serial) {
        String sql = "SELECT " + COLUMNS + " FROM pki_certificates WHERE serial = ?";
        String hex = CertificateRecord.hex(serial);
        Optional<CertificateRecord> found = query(sql, hex).stream().findFirst();
        if (found.isEmpty() && durability.restoreLost()) {
            found = query(sql, hex).stream().findFirst();
        }
        return found;
    }

    @Override
    public List<CertificateRecord> list(@Nullable CertificateStatus status, Instant now) {
        String base = "SELECT " + COLUMNS + " FROM pki_certificates";
        String order = " ORDER BY issued_at, serial";
        if (status == null) {
            return query(base + order);
        }
        return switch (status) {
            case REVOKED -> query(base + " WHERE revoked_at IS NOT NULL" + order);
            case EXPIRED -> query(base + " WHERE revoked_at IS NULL AND not_after <= ?" + order, time(now));
            case VALID -> query(base + " WHERE revoked_at IS NULL AND not_after > ?" + order, time(now));
        };
    }

    @Override
    public CertificateRecord revoke(BigInteger serial, RevocationReason reason, Instant at) {
        String hex = CertificateRecord.hex(serial);
        boolean updated = markRevoked(hex, reason, at);
        CertificateRecord record = find(serial)
                .orElseThrow(() -> new UnknownCertificateException(
                        "no certificate with serial " + hex + " was issued by this CA"));
        if (!updated && record.revokedAt() == null) {
            // the lookup put back a record the database had lost (see LedgerDurability.restoreLost)
            updated = markRevoked(hex, reason, at);
            record = find(serial).orElse(record);
        }
        if (!updated) {
            throw new AlreadyRevokedException("certificate " + hex + " is already revoked");
        }
        return record;
    }

    /** Whether it revoked the certificate (false: unknown, or revoked already). */
    private boolean markRevoked(String hex, RevocationReason reason, Instant at) {
        String sql =
                "UPDATE pki_certificates SET revoked_at = ?, revocation_reason = ? WHERE serial = ? AND revoked_at IS NULL";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, time(at));
            ps.setString(2, reason.name());
            ps.setString(3, hex);
            boolean updated = ps.executeUpdate() > 0;
            if (updated) {
                durability.changed(c);
            }
            return updated;
        } catch (SQLException e) {
            throw new LedgerException("cannot revoke certificate " + hex + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<CertificateRecord> revokedUnexpired(Instant now) {
        return query(
                "SELECT " + COLUMNS
                        + " FROM pki_certificates WHERE revoked_at IS NOT NULL AND not_after > ? ORDER BY revoked_at, serial",
                time(now));
    }

    @Override
    public BigInteger nextCrlNumber() {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement update =
                            c.prepareStatement("UPDATE pki_crl_number SET crl_number = crl_number + 1 WHERE id = 1");
                    PreparedStatement select =
                            c.prepareStatement("SELECT crl_number FROM pki_crl_number WHERE id = 1")) {
                update.executeUpdate();
                long value;
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    value = rs.getLong(1);
                }
                c.commit();
                durability.changed(c);
                return BigInteger.valueOf(value);
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new LedgerException("cannot allocate a CRL number: " + e.getMessage(), e);
        }
    }

    private List<CertificateRecord> query(String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            List<CertificateRecord> result = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(map(rs));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new LedgerException("cannot read the certificate ledger: " + e.getMessage(), e);
        }
    }

    private static CertificateRecord map(ResultSet rs) throws SQLException {
        String sans = rs.getString("sans");
        OffsetDateTime revokedAt = rs.getObject("revoked_at", OffsetDateTime.class);
        String reason = rs.getString("revocation_reason");
        return new CertificateRecord(
                new BigInteger(rs.getString("serial"), 16),
                rs.getString("subject"),
                sans.isEmpty() ? List.of() : Arrays.asList(sans.split("\n")),
                rs.getString("profile"),
                rs.getObject("not_before", OffsetDateTime.class).toInstant(),
                rs.getObject("not_after", OffsetDateTime.class).toInstant(),
                rs.getObject("issued_at", OffsetDateTime.class).toInstant(),
                revokedAt == null ? null : revokedAt.toInstant(),
                reason == null ? null : RevocationReason.valueOf(reason),
                rs.getBytes("der"));
    }

    private static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
