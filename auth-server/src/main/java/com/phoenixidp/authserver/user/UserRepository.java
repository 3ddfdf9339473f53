package com.phoenixidp.authserver.user;

import com.phoenixidp.authserver.management.Filter;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * JDBC storage of {@link PhoenixUser} in {@code phoenix_user} (schema: Flyway V1, V4); roles are
 * the names of the user's groups ({@code phoenix_group_member}). Usernames are unique ignoring
 * case ({@code username_key}).
 */
@Repository
public class UserRepository {

    private static final String COLUMNS = "id, username, password_hash, email, email_verified, display_name,"
            + " given_name, family_name, external_id, enabled, mfa, user_handle, failed_logins, locked_until, source,"
            + " version, created_at, updated_at";

    /** SCIM attribute paths (lower case) to columns, for {@link Filter}s. */
    static final Map<String, Filter.Column> FILTER_COLUMNS = Map.ofEntries(
            Map.entry("id", new Filter.Column("id", Filter.Column.Kind.TEXT_EXACT)),
            Map.entry("username", new Filter.Column("username", Filter.Column.Kind.TEXT_IGNORE_CASE)),
            Map.entry("emails", new Filter.Column("email", Filter.Column.Kind.TEXT_IGNORE_CASE)),
            Map.entry("emails.value", new Filter.Column("email", Filter.Column.Kind.TEXT_IGNORE_CASE)),
            Map.entry("displayname", new Filter.Column("display_name", Filter.Column.Kind.TEXT_IGNORE_CASE)),
            Map.entry("name.givenname", new Filter.Column("given_name", Filter.Column.Kind.TEXT_IGNORE_CASE)),
            Map.entry("name.familyname", new Filter.Column("family_name", Filter.Column.Kind.TEXT_IGNORE_CASE)),
            Map.entry("externalid", new Filter.Column("external_id", Filter.Column.Kind.TEXT_EXACT)),
            Map.entry("active", new Filter.Column("enabled", Filter.Column.Kind.BOOLEAN)),
            Map.entry("meta.created", new Filter.Column("created_at", Filter.Column.Kind.TIMESTAMP)),
            Map.entry("meta.lastmodified", new Filter.Column("updated_at", Filter.Column.Kind.TIMESTAMP)));

    private final JdbcTemplate jdbc;

    public UserRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** By username, ignoring case. */
    public Optional<PhoenixUser> findByUsername(String username) {
        if (username == null) {
            return Optional.empty();
        }
        return one("username_key = ?", username.toLowerCase(Locale.ROOT));
    }

    public Optional<PhoenixUser> findById(String id) {
        return one("id = ?", id);
    }

    public Optional<PhoenixUser> findByUserHandle(String userHandle) {
        return one("user_handle = ?", userHandle);
    }

    /** Users matching {@code filter} (null: all), ordered by username, a page at a time. */
    public List<PhoenixUser> search(@Nullable Filter filter, int offset, int limit) {
        List<Object> parameters = new ArrayList<>();
        String where = (filter != null) ? " WHERE " + Filter.toSql(filter, FILTER_COLUMNS, parameters) : "";
        parameters.add(limit);
        parameters.add(offset);
        List<PhoenixUser> users = this.jdbc.query(
                "SELECT " + COLUMNS + " FROM phoenix_user" + where + " ORDER BY username_key LIMIT ? OFFSET ?",
                UserRepository::map,
                parameters.toArray());
        return withRoles(users);
    }

    /** How many users match {@code filter} (null: all). */
    public long count(@Nullable Filter filter) {
        List<Object> parameters = new ArrayList<>();
        String where = (filter != null) ? " WHERE " + Filter.toSql(filter, FILTER_COLUMNS, parameters) : "";
        Long n =
                this.jdbc.queryForObject("SELECT COUNT(*) FROM phoenix_user" + where, Long.class, parameters.toArray());
        return (n != null) ? n : 0;
    }

    public long count() {
        return count(null);
    }

    /** Inserts a new user (without groups: see {@link GroupRepository}). */
    public void insert(PhoenixUser user) {
        this.jdbc.update(
                "INSERT INTO phoenix_user (id, username, username_key, password_hash, email, email_verified,"
                        + " display_name, given_name, family_name, external_id, enabled, mfa, user_handle, source)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                user.id(),
                user.username(),
                user.username().toLowerCase(Locale.ROOT),
                user.passwordHash(),
                user.email(),
                user.emailVerified(),
                user.displayName(),
                user.givenName(),
                user.familyName(),
                user.externalId(),
                user.enabled(),
                user.mfa(),
                user.userHandle(),
                user.source());
    }

    /**
     * Replaces the profile (username, e-mail, names, external id, enabled, mfa) if the stored
     * version is still {@code expectedVersion} (negative: any); returns false when it was not.
     */
    public boolean updateProfile(PhoenixUser user, long expectedVersion) {
        return this.jdbc.update(
                        "UPDATE phoenix_user SET username = ?, username_key = ?, email = ?, email_verified = ?,"
                                + " display_name = ?, given_name = ?, family_name = ?, external_id = ?, enabled = ?,"
                                + " mfa = ?, version = version + 1, updated_at = CURRENT_TIMESTAMP"
                                + " WHERE id = ? AND (? < 0 OR version = ?)",
                        user.username(),
                        user.username().toLowerCase(Locale.ROOT),
                        user.email(),
                        user.emailVerified(),
                        user.displayName(),
                        user.givenName(),
                        user.familyName(),
                        user.externalId(),
                        user.enabled(),
                        user.mfa(),
                        user.id(),
                        expectedVersion,
                        expectedVersion)
                > 0;
    }

    public void updatePasswordHash(String username, String passwordHash) {
        this.jdbc.update(
                "UPDATE phoenix_user SET password_hash = ?, version = version + 1, updated_at = CURRENT_TIMESTAMP"
                        + " WHERE username_key = ?",
                passwordHash,
                username.toLowerCase(Locale.ROOT));
    }

    public void updateMfa(String username, @Nullable String mfa) {
        this.jdbc.update(
                "UPDATE phoenix_user SET mfa = ?, version = version + 1, updated_at = CURRENT_TIMESTAMP"
                        + " WHERE username_key = ?",
                mfa,
                username.toLowerCase(Locale.ROOT));
    }

    /** Marks a change that is not a column of the user (group membership) in its version. */
    public void touch(String id) {
        this.jdbc.update(
                "UPDATE phoenix_user SET version = version + 1, updated_at = CURRENT_TIMESTAMP WHERE id = ?", id);
    }

    public boolean delete(String id) {
        return this.jdbc.update("DELETE FROM phoenix_user WHERE id = ?", id) > 0;
    }

    private Optional<PhoenixUser> one(String condition, Object value) {
        List<PhoenixUser> users = this.jdbc.query(
                "SELECT " + COLUMNS + " FROM phoenix_user WHERE " + condition, UserRepository::map, value);
        return withRoles(users).stream().findFirst();
    }

    /** Loads the group names (roles) of these users in one query. */
    private List<PhoenixUser> withRoles(List<PhoenixUser> users) {
        if (users.isEmpty()) {
            return users;
        }
        Map<String, List<String>> roles = new HashMap<>();
        String placeholders = String.join(",", java.util.Collections.nCopies(users.size(), "?"));
        this.jdbc.query(
                "SELECT m.user_id, g.name FROM phoenix_group_member m JOIN phoenix_group g ON g.id = m.group_id"
                        + " WHERE m.user_id IN (" + placeholders + ") ORDER BY g.name_key",
                (ResultSet rs) -> {
                    roles.computeIfAbsent(rs.getString(1), (k) -> new ArrayList<>())
                            .add(rs.getString(2));
                },
                users.stream().map(PhoenixUser::id).toArray());
        return users.stream()
                .map((u) -> u.withRoles(roles.getOrDefault(u.id(), List.of())))
                .toList();
    }

    private static PhoenixUser map(ResultSet rs, int row) throws SQLException {
        return new PhoenixUser(
                rs.getString("id"),
                rs.getString("username"),
                rs.getString("password_hash"),
                rs.getString("email"),
                rs.getBoolean("email_verified"),
                rs.getString("display_name"),
                rs.getString("given_name"),
                rs.getString("family_name"),
                rs.getString("external_id"),
                List.of(),
                rs.getBoolean("enabled"),
                rs.getString("mfa"),
                rs.getString("user_handle"),
                rs.getInt("failed_logins"),
                instant(rs, "locked_until"),
                rs.getString("source"),
                rs.getLong("version"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }

    static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return (value != null) ? value.toInstant() : null;
    }
}
