package com.phoenixidp.authserver.user;

import com.phoenixidp.authserver.management.Filter;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** JDBC storage of groups ({@code phoenix_group}) and memberships ({@code phoenix_group_member}). */
@Repository
public class GroupRepository {

    private static final String COLUMNS = "id, name, external_id, version, created_at, updated_at";

    static final Map<String, Filter.Column> FILTER_COLUMNS = Map.of(
            "id", new Filter.Column("id", Filter.Column.Kind.TEXT_EXACT),
            "displayname", new Filter.Column("name", Filter.Column.Kind.TEXT_IGNORE_CASE),
            "externalid", new Filter.Column("external_id", Filter.Column.Kind.TEXT_EXACT),
            "meta.created", new Filter.Column("created_at", Filter.Column.Kind.TIMESTAMP),
            "meta.lastmodified", new Filter.Column("updated_at", Filter.Column.Kind.TIMESTAMP));

    /** A member: the user's id and username. */
    public record Member(String userId, String username) {}

    private final JdbcTemplate jdbc;

    public GroupRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<PhoenixGroup> findById(String id) {
        return this.jdbc
                .query("SELECT " + COLUMNS + " FROM phoenix_group WHERE id = ?", GroupRepository::map, id)
                .stream()
                .findFirst();
    }

    public Optional<PhoenixGroup> findByName(String name) {
        return this.jdbc
                .query(
                        "SELECT " + COLUMNS + " FROM phoenix_group WHERE name_key = ?",
                        GroupRepository::map,
                        name.toLowerCase(Locale.ROOT))
                .stream()
                .findFirst();
    }

    public List<PhoenixGroup> search(@Nullable Filter filter, int offset, int limit) {
        List<Object> parameters = new ArrayList<>();
        String where = (filter != null) ? " WHERE " + Filter.toSql(filter, FILTER_COLUMNS, parameters) : "";
        parameters.add(limit);
        parameters.add(offset);
        return this.jdbc.query(
                "SELECT " + COLUMNS + " FROM phoenix_group" + where + " ORDER BY name_key LIMIT ? OFFSET ?",
                GroupRepository::map,
                parameters.toArray());
    }

    public long count(@Nullable Filter filter) {
        List<Object> parameters = new ArrayList<>();
        String where = (filter != null) ? " WHERE " + Filter.toSql(filter, FILTER_COLUMNS, parameters) : "";
        Long n = this.jdbc.queryForObject(
                "SELECT COUNT(*) FROM phoenix_group" + where, Long.class, parameters.toArray());
        return (n != null) ? n : 0;
    }

    public void insert(PhoenixGroup group) {
        this.jdbc.update(
                "INSERT INTO phoenix_group (id, name, name_key, external_id) VALUES (?, ?, ?, ?)",
                group.id(),
                group.name(),
                group.name().toLowerCase(Locale.ROOT),
                group.externalId());
    }

    /** Renames; false when the version was stale ({@code expectedVersion} negative: any). */
    public boolean update(PhoenixGroup group, long expectedVersion) {
        return this.jdbc.update(
                        "UPDATE phoenix_group SET name = ?, name_key = ?, external_id = ?, version = version + 1,"
                                + " updated_at = CURRENT_TIMESTAMP WHERE id = ? AND (? < 0 OR version = ?)",
                        group.name(),
                        group.name().toLowerCase(Locale.ROOT),
                        group.externalId(),
                        group.id(),
                        expectedVersion,
                        expectedVersion)
                > 0;
    }

    public void touch(String id) {
        this.jdbc.update(
                "UPDATE phoenix_group SET version = version + 1, updated_at = CURRENT_TIMESTAMP WHERE id = ?", id);
    }

    public boolean delete(String id) {
        return this.jdbc.update("DELETE FROM phoenix_group WHERE id = ?", id) > 0;
    }

    public List<Member> members(String groupId) {
        return this.jdbc.query(
                "SELECT u.id, u.username FROM phoenix_group_member m JOIN phoenix_user u ON u.id = m.user_id"
                        + " WHERE m.group_id = ? ORDER BY u.username_key",
                (rs, row) -> new Member(rs.getString(1), rs.getString(2)),
                groupId);
    }

    /** The groups a user belongs to. */
    public List<PhoenixGroup> groupsOf(String userId) {
        return this.jdbc.query(
                "SELECT g.id, g.name, g.external_id, g.version, g.created_at, g.updated_at FROM phoenix_group g"
                        + " JOIN phoenix_group_member m ON m.group_id = g.id WHERE m.user_id = ? ORDER BY g.name_key",
                GroupRepository::map,
                userId);
    }

    /** Adds a member; false when already a member. */
    public boolean addMember(String groupId, String userId) {
        Integer n = this.jdbc.queryForObject(
                "SELECT COUNT(*) FROM phoenix_group_member WHERE group_id = ? AND user_id = ?",
                Integer.class,
                groupId,
                userId);
        if (n != null && n > 0) {
            return false;
        }
        try {
            this.jdbc.update("INSERT INTO phoenix_group_member (group_id, user_id) VALUES (?, ?)", groupId, userId);
            return true;
        } catch (org.springframework.dao.DuplicateKeyException concurrent) {
            return false;
        }
    }

    public boolean removeMember(String groupId, String userId) {
        return this.jdbc.update("DELETE FROM phoenix_group_member WHERE group_id = ? AND user_id = ?", groupId, userId)
                > 0;
    }

    private static PhoenixGroup map(ResultSet rs, int row) throws SQLException {
        return new PhoenixGroup(
                rs.getString("id"),
                rs.getString("name"),
                rs.getString("external_id"),
                rs.getLong("version"),
                UserRepository.instant(rs, "created_at"),
                UserRepository.instant(rs, "updated_at"));
    }
}
