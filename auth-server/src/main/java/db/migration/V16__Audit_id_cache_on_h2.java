package db.migration;

import java.sql.Connection;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * On the embedded H2 only: the audit table's identity reserves 4,096 ids at a time instead of 32.
 * H2 writes each reservation in a commit of its own, and with {@code WRITE_DELAY=0} every commit
 * is a write to the file: at a few thousand tokens a second (one audit row each) that was over a
 * hundred extra writes a second. After a crash the unused reserved ids are skipped, never reused.
 * Not on PostgreSQL, where a sequence's cache is per connection and ids from the audit writer's
 * connections would no longer grow with time ("newest first" is by id).
 */
public class V16__Audit_id_cache_on_h2 extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        if (!"H2".equals(connection.getMetaData().getDatabaseProductName())) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE phoenix_audit_event ALTER COLUMN id SET CACHE 4096");
        }
    }
}
