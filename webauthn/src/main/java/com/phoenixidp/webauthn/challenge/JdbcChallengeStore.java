package com.phoenixidp.webauthn.challenge;

import com.phoenixidp.webauthn.WebAuthnStorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link ChallengeStore} on table {@code webauthn_challenge} (see
 * {@code db/webauthn/V1__passkeys.sql}), shared by all auth-server nodes. Consumption is a single
 * conditional {@code UPDATE … WHERE consumed_at IS NULL}, so exactly one caller wins a race.
 * Consumed rows stay until purged after expiry so that a replay is told apart from an unknown id.
 */
public final class JdbcChallengeStore implements ChallengeStore {

    private static final String INSERT = "INSERT INTO webauthn_challenge "
            + "(ceremony_id, ceremony_type, challenge_hash, user_handle, expires_at, consumed_at) "
            + "VALUES (?, ?, ?, ?, ?, NULL)";
    private static final String CONSUME =
            "UPDATE webauthn_challenge SET consumed_at = ? " + "WHERE ceremony_id = ? AND consumed_at IS NULL";
    private static final String SELECT = "SELECT ceremony_id, ceremony_type, challenge_hash, user_handle, "
            + "expires_at, consumed_at FROM webauthn_challenge WHERE ceremony_id = ?";
    private static final String PURGE = "DELETE FROM webauthn_challenge WHERE expires_at < ?";

    private final DataSource dataSource;

    public JdbcChallengeStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public void save(StoredChallenge challenge) {
        Objects.requireNonNull(challenge, "challenge");
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setString(1, challenge.ceremonyId());
            ps.setString(2, challenge.type().name());
            ps.setBytes(3, challenge.challengeHash());
            ps.setBytes(4, challenge.userHandle().orElse(null));
            ps.setObject(5, utc(challenge.expiresAt()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new WebAuthnStorageException("could not store challenge", e);
        }
    }

    @Override
    public Optional<StoredChallenge> consume(String ceremonyId, Instant now) {
        Objects.requireNonNull(ceremonyId, "ceremonyId");
        Objects.requireNonNull(now, "now");
        try (Connection c = dataSource.getConnection()) {
            int updated;
            try (PreparedStatement ps = c.prepareStatement(CONSUME)) {
                ps.setObject(1, utc(now));
                ps.setString(2, ceremonyId);
                updated = ps.executeUpdate();
            }
            Optional<StoredChallenge> row = select(c, ceremonyId);
            if (updated == 1) {
                // This call consumed it: report the state before the update.
                return row.map(r -> new StoredChallenge(
                        r.ceremonyId(), r.type(), r.challengeHash(), r.userHandle(), r.expiresAt(), Optional.empty()));
            }
            return row;
        } catch (SQLException e) {
            throw new WebAuthnStorageException("could not consume challenge", e);
        }
    }

    @Override
    public int purgeExpired(Instant now) {
        Objects.requireNonNull(now, "now");
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(PURGE)) {
            ps.setObject(1, utc(now));
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new WebAuthnStorageException("could not purge challenges", e);
        }
    }

    private static Optional<StoredChallenge> select(Connection c, String ceremonyId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT)) {
            ps.setString(1, ceremonyId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                OffsetDateTime consumedAt = rs.getObject("consumed_at", OffsetDateTime.class);
                return Optional.of(new StoredChallenge(
                        rs.getString("ceremony_id"),
                        CeremonyType.valueOf(rs.getString("ceremony_type")),
                        rs.getBytes("challenge_hash"),
                        Optional.ofNullable(rs.getBytes("user_handle")),
                        rs.getObject("expires_at", OffsetDateTime.class).toInstant(),
                        Optional.ofNullable(consumedAt).map(OffsetDateTime::toInstant)));
            }
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
