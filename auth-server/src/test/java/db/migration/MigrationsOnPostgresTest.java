package db.migration;

import static org.assertj.core.api.Assertions.assertThat;

import com.phoenixidp.authserver.EmbeddedPostgres;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The same Flyway migrations (SQL and Java) build the same schema on PostgreSQL as on H2: every
 * table with the same columns, so the application runs unchanged on either. Generic over the
 * migrations present: nothing here names a version.
 */
class MigrationsOnPostgresTest {

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgres() {
        postgres = EmbeddedPostgres.start().createDatabase("migrations");
    }

    @AfterAll
    static void stopPostgres() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void migrateWhenPostgresThenEveryMigrationAppliesAndSchemaMatchesH2() {
        DataSource pg = postgres.dataSource("migrations");
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");

        MigrateResult onPostgres = migrate(pg);
        MigrateResult onH2 = migrate(h2);

        assertThat(onPostgres.success).isTrue();
        assertThat(onPostgres.migrationsExecuted)
                .isEqualTo(onH2.migrationsExecuted)
                .isGreaterThan(0);
        assertThat(migrate(pg).migrationsExecuted)
                .as("a second run has nothing to do")
                .isZero();
        assertThat(columns(pg, "public")).isEqualTo(columns(h2, "PUBLIC"));
    }

    @Test
    void migrateWhenTwoNodesMigrateAtOnceThenOneHistoryWithoutDuplicates() throws Exception {
        postgres.createDatabase("racing");
        DataSource pg = postgres.dataSource("racing");
        Thread other = new Thread(() -> migrate(pg));
        other.start();
        migrate(pg);
        other.join(120_000);

        List<Map<String, Object>> history = new JdbcTemplate(pg)
                .queryForList("SELECT version, COUNT(*) AS applied, MIN(CAST(success AS INT)) AS ok"
                        + " FROM flyway_schema_history WHERE version IS NOT NULL GROUP BY version");
        assertThat(history).isNotEmpty().allSatisfy((row) -> {
            assertThat(((Number) row.get("applied")).intValue())
                    .as("version %s", row.get("version"))
                    .isEqualTo(1);
            assertThat(((Number) row.get("ok")).intValue()).isEqualTo(1);
        });
    }

    private static MigrateResult migrate(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    /** table -> its columns (lower case), without Flyway's own history table. */
    private static Map<String, List<String>> columns(DataSource dataSource, String schema) {
        Map<String, List<String>> tables = new TreeMap<>();
        new JdbcTemplate(dataSource)
                .query(
                        "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = ?"
                                + " ORDER BY table_name, column_name",
                        (rs) -> {
                            String table = rs.getString(1).toLowerCase(Locale.ROOT);
                            if (!table.equals("flyway_schema_history")) {
                                tables.computeIfAbsent(table, (t) -> new java.util.ArrayList<>())
                                        .add(rs.getString(2).toLowerCase(Locale.ROOT));
                            }
                        },
                        schema);
        tables.values().forEach((list) -> list.sort(String::compareTo));
        return tables;
    }
}
