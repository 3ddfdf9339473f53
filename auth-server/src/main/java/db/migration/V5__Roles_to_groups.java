package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Moves the comma-separated {@code phoenix_user.roles} column into groups and memberships (a
 * group is a role, one model for bootstrap roles, SCIM groups and the console), then drops the
 * column. Java, because splitting a list is not portable SQL between H2 and PostgreSQL.
 */
public class V5__Roles_to_groups extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        Map<String, String> groupIds = new LinkedHashMap<>();
        Map<String, String[]> memberships = new LinkedHashMap<>();
        try (Statement select = connection.createStatement();
                ResultSet rows = select.executeQuery("SELECT id, roles FROM phoenix_user")) {
            while (rows.next()) {
                String roles = rows.getString("roles");
                if (roles == null || roles.isBlank()) {
                    continue;
                }
                String[] names = roles.split(",");
                memberships.put(rows.getString("id"), names);
                for (String name : names) {
                    if (!name.isBlank()) {
                        groupIds.computeIfAbsent(
                                name.trim().toLowerCase(Locale.ROOT),
                                (k) -> UUID.randomUUID().toString());
                    }
                }
            }
        }
        Map<String, String> displayNames = new LinkedHashMap<>();
        memberships.values().forEach((names) -> {
            for (String name : names) {
                if (!name.isBlank()) {
                    displayNames.putIfAbsent(name.trim().toLowerCase(Locale.ROOT), name.trim());
                }
            }
        });
        try (PreparedStatement insert =
                connection.prepareStatement("INSERT INTO phoenix_group (id, name, name_key) VALUES (?, ?, ?)")) {
            for (Map.Entry<String, String> group : groupIds.entrySet()) {
                insert.setString(1, group.getValue());
                insert.setString(2, displayNames.get(group.getKey()));
                insert.setString(3, group.getKey());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        try (PreparedStatement insert =
                connection.prepareStatement("INSERT INTO phoenix_group_member (group_id, user_id) VALUES (?, ?)")) {
            for (Map.Entry<String, String[]> member : memberships.entrySet()) {
                java.util.Set<String> seen = new java.util.HashSet<>();
                for (String name : member.getValue()) {
                    String key = name.trim().toLowerCase(Locale.ROOT);
                    if (name.isBlank() || !seen.add(key)) {
                        continue;
                    }
                    insert.setString(1, groupIds.get(key));
                    insert.setString(2, member.getKey());
                    insert.addBatch();
                }
            }
            insert.executeBatch();
        }
        try (Statement drop = connection.createStatement()) {
            drop.execute("ALTER TABLE phoenix_user DROP COLUMN roles");
        }
    }
}
