package db.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On H2 the audit table's identity reserves ids 4,096 at a time; ids still grow with every row,
 * across a reopening of the database, and an upgraded database keeps its rows and ids.
 */
class AuditIdCacheMigrationTest {

    @TempDir
    Path dir;

    @Test
    void migrateWhenAuditRowsExistThenCacheRaisedAndIdsKeepGrowingAcrossReopening() throws Exception {
        String url = "jdbc:h2:file:" + this.dir.resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE";
        migrate(url, "15");
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            insertAuditRows(c, 3);
            assertThat(identityCache(c)).isEqualTo(32);
        }

        migrate(url, null);

        List<Long> ids;
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            assertThat(identityCache(c)).isEqualTo(4096);
            insertAuditRows(c, 2);
            c.createStatement().execute("SHUTDOWN");
        }
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            insertAuditRows(c, 1);
            ids = auditIds(c);
        }
        assertThat(ids).hasSize(6).isSorted().doesNotHaveDuplicates();
        assertThat(ids.subList(0, 3)).containsExactly(1L, 2L, 3L);
    }

    private static void migrate(String url, String target) {
        var configuration = Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration");
        if (target != null) {
            configuration.target(target);
        }
        configuration.load().migrate();
    }

    /** Rows whose details number them in the order they were written (after those already there). */
    private static void insertAuditRows(Connection c, int count) throws Exception {
        try (Statement statement = c.createStatement()) {
            int before = auditIds(c).size();
            for (int i = before + 1; i <= before + count; i++) {
                statement.execute("INSERT INTO phoenix_audit_event (event_time, event_type, outcome, details)"
                        + " VALUES (CURRENT_TIMESTAMP, 'token.issued', 'success', 'n=" + (char) ('a' + i) + "')");
            }
        }
    }

    private static long identityCache(Connection c) throws Exception {
        try (ResultSet rows = c.createStatement()
                .executeQuery("SELECT identity_cache FROM information_schema.columns"
                        + " WHERE table_name = 'PHOENIX_AUDIT_EVENT' AND column_name = 'ID'")) {
            assertThat(rows.next()).isTrue();
            return rows.getLong(1);
        }
    }

    private static List<Long> auditIds(Connection c) throws Exception {
        List<Long> ids = new ArrayList<>();
        try (ResultSet rows = c.createStatement().executeQuery("SELECT id FROM phoenix_audit_event ORDER BY details")) {
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
        }
        return ids;
    }
}
