package com.phoenixidp.authserver.user;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** JDBC storage of {@link PhoenixUser} in {@code phoenix_user} (schema: Flyway V1). */
@Repository
public class UserRepository {

    private static final String COLUMNS = "id, username, password_hash, email, email_verified, display_name, roles,"
            + " enabled, mfa, user_handle, failed_logins, locked_until";

    private final JdbcTemplate jdbc;

    public UserRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<PhoenixUser> findByUsername(String username) {
        List<PhoenixUser> users = this.jdbc.query(
                "SELECT " + COLUMNS + " FROM phoenix_user WHERE username = ?", UserRepository::map, username);
        return users.stream().findFirst();
    }

    public Optional<PhoenixUser> findById(String id) {
        List<PhoenixUser> users =
                this.jdbc.query("SELECT " + COLUMNS + " FROM phoenix_user WHERE id = ?", UserRepository::map, id);
        return users.stream().findFirst();
    }

    public Optional<PhoenixUser> findByUserHandle(String userHandle) {
        List<PhoenixUser> users = this.jdbc.query(
                "SELECT " + COLUMNS + " FROM phoenix_user WHERE user_handle = ?", UserRepository::map, userHandle);
        return users.stream().findFirst();
    }

    public void insert(PhoenixUser user) {
        this.jdbc.update(
                "INSERT INTO phoenix_user (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                user.id(),
                user.username(),
                user.passwordHash(),
                user.email(),
                user.emailVerified(),
                user.displayName(),
                String.join(",", user.roles()),
                user.enabled(),
                user.mfa(),
                user.userHandle(),
                user.failedLogins(),
                toTimestamp(user.lockedUntil()));
    }

    /** Updates the profile fields managed by bootstrap (not counters, not the password). */
    public void updateProfile(PhoenixUser user) {
        this.jdbc.update(
                "UPDATE phoenix_user SET email = ?, email_verified = ?, display_name = ?, roles = ?, enabled = ?, mfa = ?,"
                        + " updated_at = CURRENT_TIMESTAMP WHERE id = ?",
                user.email(),
                user.emailVerified(),
                user.displayName(),
                String.join(",", user.roles()),
                user.enabled(),
                user.mfa(),
                user.id());
    }

    public void updatePasswordHash(String username, String passwordHash) {
        this.jdbc.update(
                "UPDATE phoenix_user SET password_hash = ?, updated_at = CURRENT_TIMESTAMP WHERE username = ?",
                passwordHash,
                username);
    }

    public void updateMfa(String username, String mfa) {
        this.jdbc.update(
                "UPDATE phoenix_user SET mfa = ?, updated_at = CURRENT_TIMESTAMP WHERE username = ?", mfa, username);
    }

    /** Counts one failed login; locks the account once {@code maxFailures} is reached. */
    public void recordFailure(String username, int maxFailures, Instant lockUntil) {
        this.jdbc.update("UPDATE phoenix_user SET failed_logins = failed_logins + 1 WHERE username = ?", username);
        this.jdbc.update(
                "UPDATE phoenix_user SET locked_until = ?, failed_logins = 0 WHERE username = ?"
                        + " AND failed_logins >= ?",
                toTimestamp(lockUntil),
                username,
                maxFailures);
    }

    public void recordSuccess(String username) {
        this.jdbc.update(
                "UPDATE phoenix_user SET failed_logins = 0, locked_until = NULL WHERE username = ?"
                        + " AND (failed_logins <> 0 OR locked_until IS NOT NULL)",
                username);
    }

    public long count() {
        Long n = this.jdbc.queryForObject("SELECT COUNT(*) FROM phoenix_user", Long.class);
        return (n != null) ? n : 0;
    }

    private static PhoenixUser map(ResultSet rs, int row) throws SQLException {
        String roles = rs.getString("roles");
        OffsetDateTime locked = rs.getObject("locked_until", OffsetDateTime.class);
        return new PhoenixUser(
                rs.getString("id"),
                rs.getString("username"),
                rs.getString("password_hash"),
                rs.getString("email"),
                rs.getBoolean("email_verified"),
                rs.getString("display_name"),
                (roles == null || roles.isBlank()) ? List.of() : Arrays.asList(roles.split(",")),
                rs.getBoolean("enabled"),
                rs.getString("mfa"),
                rs.getString("user_handle"),
                rs.getInt("failed_logins"),
                (locked != null) ? locked.toInstant() : null);
    }

    private static Object toTimestamp(Instant instant) {
        return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
    }
}
