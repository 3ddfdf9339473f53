package com.phoenixidp.crypto.keys;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Plain-JDBC {@link SigningKeyRepository} on table {@code phoenix_signing_key} (schema owned by the
 * application's migrations). Portable across H2 and PostgreSQL: timestamps as {@link OffsetDateTime},
 * key material via {@code setBytes/getBytes}. The exclusive lock is a row of table
 * {@code phoenix_lock} (name {@value #LOCK_NAME}) held with {@code SELECT … FOR UPDATE} in a transaction
 * of its own, so it is released by commit, rollback or the end of the holder's connection (a killed node).
 */
public final class JdbcSigningKeyRepository implements SigningKeyRepository {

    private static final String COLUMNS =
            "kid, algorithm, status, created_at, activated_at, retired_at, public_jwk, private_key_enc";

    /** The {@code phoenix_lock} row that serialises changes of the key set. */
    public static final String LOCK_NAME = "signing-keys";

    private static final String LOCK_SQL = "SELECT name FROM phoenix_lock WHERE name = ? FOR UPDATE";

    /** How long a node waits for another one's key work (generating keys takes well under a second). */
    private static final long LOCK_WAIT_MILLIS = 120_000;

    private final DataSource dataSource;

    public JdbcSigningKeyRepository(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public List<StoredSigningKey> findAll() {
        String sql = "SELECT " + COLUMNS + " FROM phoenix_signing_key ORDER BY created_at, kid";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            List<StoredSigningKey> keys = new ArrayList<>();
            while (rs.next()) {
                keys.add(new StoredSigningKey(
                        rs.getString("kid"),
                        SigningAlgorithm.valueOf(rs.getString("algorithm")),
                        KeyStatus.valueOf(rs.getString("status")),
                        requiredInstant(rs, "created_at"),
                        instant(rs, "activated_at"),
                        instant(rs, "retired_at"),
                        rs.getString("public_jwk"),
                        rs.getBytes("private_key_enc")));
            }
            return keys;
        } catch (SQLException e) {
            throw new SigningKeyStorageException("cannot read signing keys", e);
        }
    }

    @Override
    public void insert(StoredSigningKey key) {
        Objects.requireNonNull(key, "key");
        String sql = "INSERT INTO phoenix_signing_key (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, key.kid());
            ps.setString(2, key.algorithm().name());
            ps.setString(3, key.status().name());
            setInstant(ps, 4, key.createdAt());
            setInstant(ps, 5, key.activatedAt());
            setInstant(ps, 6, key.retiredAt());
            ps.setString(7, key.publicJwkJson());
            ps.setBytes(8, key.encryptedPrivateKey());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new SigningKeyStorageException("cannot insert signing key " + key.kid(), e);
        }
    }

    @Override
    public void updateStatus(String kid, KeyStatus status, @Nullable Instant activatedAt, @Nullable Instant retiredAt) {
        Objects.requireNonNull(kid, "kid");
        Objects.requireNonNull(status, "status");
        String sql = "UPDATE phoenix_signing_key SET status = ?, activated_at = ?, retired_at = ? WHERE kid = ?";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, status.name());
            setInstant(ps, 2, activatedAt);
            setInstant(ps, 3, retiredAt);
            ps.setString(4, kid);
            if (ps.executeUpdate() != 1) {
                throw new SigningKeyStorageException("signing key " + kid + " not found");
            }
        } catch (SQLException e) {
            throw new SigningKeyStorageException("cannot update signing key " + kid, e);
        }
    }

    @Override
    public void delete(String kid) {
        Objects.requireNonNull(kid, "kid");
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM phoenix_signing_key WHERE kid = ?")) {
            ps.setString(1, kid);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new SigningKeyStorageException("cannot delete signing key " + kid, e);
        }
    }

    @Override
    public <T> T withExclusiveLock(Supplier<T> work) {
        Objects.requireNonNull(work, "work");
        long deadline = System.currentTimeMillis() + LOCK_WAIT_MILLIS;
        while (true) {
            try (Connection c = dataSource.getConnection()) {
                ensureLockRow(c);
                boolean autoCommit = c.getAutoCommit();
                c.setAutoCommit(false);
                try {
                    lock(c);
                    T result = work.get();
                    c.commit();
                    return result;
                } catch (RuntimeException e) {
                    c.rollback();
                    throw e;
                } finally {
                    c.setAutoCommit(autoCommit);
                }
            } catch (SQLException e) {
                if (!isLockTimeout(e) || System.currentTimeMillis() > deadline) {
                    throw new SigningKeyStorageException("cannot take the signing-key lock", e);
                }
                // another process holds it longer than this database's lock timeout: ask again
            }
        }
    }

    private static void lock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(LOCK_SQL)) {
            ps.setString(1, LOCK_NAME);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("phoenix_lock row " + LOCK_NAME + " is missing");
                }
            }
        }
    }

    /** The migrations insert the row; a store created otherwise gets it on first use. */
    private static void ensureLockRow(Connection c) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT COUNT(*) FROM phoenix_lock WHERE name = ?")) {
            select.setString(1, LOCK_NAME);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                if (rs.getInt(1) > 0) {
                    return;
                }
            }
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO phoenix_lock (name) VALUES (?)")) {
            insert.setString(1, LOCK_NAME);
            insert.executeUpdate();
        } catch (SQLException e) {
            if (!"23505".equals(e.getSQLState())) {
                throw e;
            }
            // inserted by another process in the meantime
        }
    }

    /** H2's lock timeout (HYT00, code 50200) or PostgreSQL's lock_not_available (55P03). */
    private static boolean isLockTimeout(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql
                    && ("HYT00".equals(sql.getSQLState()) || "55P03".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    private static void setInstant(PreparedStatement ps, int index, @Nullable Instant value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(index, OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
        }
    }

    private static Instant requiredInstant(ResultSet rs, String column) throws SQLException {
        return Objects.requireNonNull(instant(rs, column), () -> "signing key column " + column + " is null");
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
