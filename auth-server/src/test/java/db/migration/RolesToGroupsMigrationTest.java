package db.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upgrading a database made before groups existed: the comma-separated roles of every user
 * become groups (one per name, ignoring case) and memberships, and the roles column goes.
 */
class RolesToGroupsMigrationTest {

    @TempDir
    Path dir;

    @Test
    void migrateWhenUsersHaveRolesThenGroupsAndMembershipsReplaceTheColumn() throws Exception {
        String url = "jdbc:h2:file:" + this.dir.resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE";
        Flyway.configure()
                .dataSource(url, "sa", "")
                .locations("classpath:db/migration")
                .target("3")
                .load()
                .migrate();
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            c.createStatement()
                    .execute("INSERT INTO phoenix_user (id, username, roles) VALUES"
                            + " ('u1', 'alice', 'user'), ('u2', 'Bob', 'user,admin'), ('u3', 'carol', 'Admin,ops,admin'),"
                            + " ('u4', 'dave', '')");
        }

        Flyway.configure()
                .dataSource(url, "sa", "")
                .locations("classpath:db/migration")
                .load()
                .migrate();

        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            assertThat(rows(c, "SELECT name_key FROM phoenix_group ORDER BY name_key"))
                    .containsExactly("admin", "ops", "user");
            assertThat(rows(
                            c,
                            "SELECT u.username || ':' || g.name_key FROM phoenix_group_member m"
                                    + " JOIN phoenix_user u ON u.id = m.user_id JOIN phoenix_group g ON g.id = m.group_id"
                                    + " ORDER BY 1"))
                    .containsExactly("Bob:admin", "Bob:user", "alice:user", "carol:admin", "carol:ops");
            assertThat(rows(c, "SELECT username_key FROM phoenix_user ORDER BY 1"))
                    .containsExactly("alice", "bob", "carol", "dave");
            assertThat(rows(
                            c,
                            "SELECT COUNT(*) FROM information_schema.columns WHERE table_name = 'PHOENIX_USER'"
                                    + " AND column_name = 'ROLES'"))
                    .containsExactly("0");
        }
    }

    private static List<String> rows(Connection c, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
