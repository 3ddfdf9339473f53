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
import javax.sql.DataSource;

/**
 * Plain-JDBC {@link SigningKeyRepository} on table {@code phoenix_signing_key} (schema owned by the
 * application's migrations). Portable across H2 and PostgreSQL: timestamps as {@link OffsetDateTime},
 * key material via {@code setBytes/getBytes}.
 */
public final class JdbcSigningKeyRepository implements SigningKeyRepository {

    private static final String COLUMNS =
            "kid, algorithm, status, created_at, activated_at, retired_at, public_jwk, private_key_enc";

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
                        instant(rs, "created_at"),
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
    public void updateStatus(String kid, KeyStatus status, Instant activatedAt, Instant retiredAt) {
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

    private static void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(index, OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
