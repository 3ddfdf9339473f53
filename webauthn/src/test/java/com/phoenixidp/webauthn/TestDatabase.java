package com.phoenixidp.webauthn;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** A fresh in-memory H2 database with the passkey schema from the test resource. */
public final class TestDatabase {

    private TestDatabase() {}

    public static DataSource create() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:webauthn-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        try (InputStream in = TestDatabase.class.getResourceAsStream("/db/webauthn/V1__passkeys.sql");
                Connection c = dataSource.getConnection();
                Statement st = c.createStatement()) {
            String script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            StringBuilder sql = new StringBuilder();
            for (String line : script.split("\n")) {
                if (!line.strip().startsWith("--")) {
                    sql.append(line).append('\n');
                }
            }
            for (String statement : sql.toString().split(";")) {
                if (!statement.isBlank()) {
                    st.execute(statement);
                }
            }
        } catch (IOException | SQLException e) {
            throw new IllegalStateException(e);
        }
        return dataSource;
    }
}
