package com.phoenixidp.webauthn.credential;

import com.phoenixidp.webauthn.DuplicateCredentialException;
import com.phoenixidp.webauthn.WebAuthnStorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * {@link PasskeyCredentialRepository} on table {@code webauthn_credential} (DDL in
 * {@code db/webauthn/V1__passkeys.sql}; H2 2.x and PostgreSQL). Binary columns use
 * {@code setBytes}/{@code getBytes}, timestamps {@code OffsetDateTime} in UTC.
 */
public final class JdbcPasskeyCredentialRepository implements PasskeyCredentialRepository {

    private static final String COLUMNS = "credential_id, user_handle, public_key_cose, signature_count, transports, "
            + "backup_eligible, backup_state, uv_initialized, aaguid, attestation_format, name, created_at, "
            + "last_used_at, clone_suspected";
    private static final String INSERT =
            "INSERT INTO webauthn_credential (" + COLUMNS + ") " + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String BY_ID = "SELECT " + COLUMNS + " FROM webauthn_credential WHERE credential_id = ?";
    private static final String BY_USER = "SELECT " + COLUMNS + " FROM webauthn_credential WHERE user_handle = ? "
            + "ORDER BY created_at, credential_id";
    private static final String UPDATE_USE = "UPDATE webauthn_credential SET signature_count = ?, backup_state = ?, "
            + "last_used_at = ? WHERE credential_id = ?";
    private static final String RENAME =
            "UPDATE webauthn_credential SET name = ? WHERE user_handle = ? AND credential_id = ?";
    private static final String DELETE = "DELETE FROM webauthn_credential WHERE user_handle = ? AND credential_id = ?";
    private static final String MARK_CLONE =
            "UPDATE webauthn_credential SET clone_suspected = TRUE WHERE credential_id = ?";
    /** SQLSTATE class 23: integrity constraint violation (unique/primary key). */
    private static final String INTEGRITY_VIOLATION_CLASS = "23";

    private final DataSource dataSource;

    public JdbcPasskeyCredentialRepository(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public Optional<PasskeyCredential> findByCredentialId(byte[] credentialId) {
        Objects.requireNonNull(credentialId, "credentialId");
        List<PasskeyCredential> found = query(BY_ID, credentialId);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    @Override
    public List<PasskeyCredential> findByUserHandle(byte[] userHandle) {
        Objects.requireNonNull(userHandle, "userHandle");
        return query(BY_USER, userHandle);
    }

    @Override
    public void save(PasskeyCredential credential) {
        Objects.requireNonNull(credential, "credential");
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setBytes(1, credential.credentialId());
            ps.setBytes(2, credential.userHandle());
            ps.setBytes(3, credential.publicKeyCose());
            ps.setLong(4, credential.signatureCount());
            ps.setString(
                    5,
                    String.join(",", credential.transports().stream().sorted().toList()));
            ps.setBoolean(6, credential.backupEligible());
            ps.setBoolean(7, credential.backupState());
            ps.setBoolean(8, credential.uvInitialized());
            ps.setBytes(9, credential.aaguid());
            ps.setString(10, credential.attestationFormat());
            ps.setString(11, credential.name());
            ps.setObject(12, utc(credential.createdAt()));
            ps.setObject(
                    13,
                    credential
                            .lastUsedAt()
                            .map(JdbcPasskeyCredentialRepository::utc)
                            .orElse(null));
            ps.setBoolean(14, credential.cloneSuspected());
            ps.executeUpdate();
        } catch (SQLException e) {
            if (e instanceof SQLIntegrityConstraintViolationException
                    || (e.getSQLState() != null && e.getSQLState().startsWith(INTEGRITY_VIOLATION_CLASS))) {
                throw new DuplicateCredentialException("credential id already registered", e);
            }
            throw new WebAuthnStorageException("could not save passkey", e);
        }
    }

    @Override
    public void updateAfterAuthentication(
            byte[] credentialId, long signatureCount, boolean backupState, Instant lastUsedAt) {
        Objects.requireNonNull(credentialId, "credentialId");
        Objects.requireNonNull(lastUsedAt, "lastUsedAt");
        update(UPDATE_USE, ps -> {
            ps.setLong(1, signatureCount);
            ps.setBoolean(2, backupState);
            ps.setObject(3, utc(lastUsedAt));
            ps.setBytes(4, credentialId);
        });
    }

    @Override
    public boolean rename(byte[] userHandle, byte[] credentialId, String name) {
        Objects.requireNonNull(userHandle, "userHandle");
        Objects.requireNonNull(credentialId, "credentialId");
        Objects.requireNonNull(name, "name");
        if (name.length() > PasskeyCredential.MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("name longer than " + PasskeyCredential.MAX_NAME_LENGTH);
        }
        return update(RENAME, ps -> {
                    ps.setString(1, name);
                    ps.setBytes(2, userHandle);
                    ps.setBytes(3, credentialId);
                })
                == 1;
    }

    @Override
    public boolean delete(byte[] userHandle, byte[] credentialId) {
        Objects.requireNonNull(userHandle, "userHandle");
        Objects.requireNonNull(credentialId, "credentialId");
        return update(DELETE, ps -> {
                    ps.setBytes(1, userHandle);
                    ps.setBytes(2, credentialId);
                })
                == 1;
    }

    @Override
    public void markCloneSuspected(byte[] credentialId) {
        Objects.requireNonNull(credentialId, "credentialId");
        update(MARK_CLONE, ps -> ps.setBytes(1, credentialId));
    }

    private List<PasskeyCredential> query(String sql, byte[] key) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setBytes(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                List<PasskeyCredential> result = new ArrayList<>();
                while (rs.next()) {
                    result.add(map(rs));
                }
                return result;
            }
        } catch (SQLException e) {
            throw new WebAuthnStorageException("could not read passkeys", e);
        }
    }

    private int update(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new WebAuthnStorageException("could not update passkey", e);
        }
    }

    private static PasskeyCredential map(ResultSet rs) throws SQLException {
        String transports = rs.getString("transports");
        Set<String> transportSet = transports == null || transports.isEmpty()
                ? Set.of()
                : Arrays.stream(transports.split(",")).collect(Collectors.toCollection(LinkedHashSet::new));
        OffsetDateTime lastUsed = rs.getObject("last_used_at", OffsetDateTime.class);
        return new PasskeyCredential(
                rs.getBytes("credential_id"),
                rs.getBytes("user_handle"),
                rs.getBytes("public_key_cose"),
                rs.getLong("signature_count"),
                transportSet,
                rs.getBoolean("backup_eligible"),
                rs.getBoolean("backup_state"),
                rs.getBoolean("uv_initialized"),
                rs.getBytes("aaguid"),
                rs.getString("attestation_format"),
                rs.getString("name"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                Optional.ofNullable(lastUsed).map(OffsetDateTime::toInstant),
                rs.getBoolean("clone_suspected"));
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }
}
