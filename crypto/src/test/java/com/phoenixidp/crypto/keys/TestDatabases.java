package com.phoenixidp.crypto.keys;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** Fresh in-memory H2 databases with the signing-key schema. */
final class TestDatabases {

    private TestDatabases() {}

    static DataSource withSigningKeySchema() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("RUNSCRIPT FROM 'classpath:signing-keys-schema.sql'");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return dataSource;
    }
}
