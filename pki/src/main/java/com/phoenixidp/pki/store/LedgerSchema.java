package com.phoenixidp.pki.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/**
 * A tiny versioned migration for the ledger schema: each entry of {@link #MIGRATIONS} runs once,
 * in order, and {@code pki_schema_version} remembers the last one applied. The SQL is plain
 * enough for H2 and PostgreSQL.
 */
public final class LedgerSchema {

    static final List<List<String>> MIGRATIONS = List.of(List.of(
            """
                    CREATE TABLE IF NOT EXISTS pki_certificates (
                        serial VARCHAR(64) PRIMARY KEY,
                        subject VARCHAR(2048) NOT NULL,
                        sans VARCHAR(8192) NOT NULL,
                        profile VARCHAR(32) NOT NULL,
                        not_before TIMESTAMP WITH TIME ZONE NOT NULL,
                        not_after TIMESTAMP WITH TIME ZONE NOT NULL,
                        issued_at TIMESTAMP WITH TIME ZONE NOT NULL,
                        revoked_at TIMESTAMP WITH TIME ZONE,
                        revocation_reason VARCHAR(32),
                        der BYTEA NOT NULL
                    )""",
            "CREATE INDEX IF NOT EXISTS pki_certificates_revoked ON pki_certificates (revoked_at)",
            "CREATE TABLE IF NOT EXISTS pki_crl_number (id INT PRIMARY KEY, crl_number BIGINT NOT NULL)",
            "INSERT INTO pki_crl_number (id, crl_number) VALUES (1, 0)"));

    private LedgerSchema() {}

    /** Applies the migrations not yet applied, each in its own transaction. */
    public static void migrate(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS pki_schema_version (version INT NOT NULL)");
            int current;
            try (ResultSet rs = statement.executeQuery("SELECT MAX(version) FROM pki_schema_version")) {
                rs.next();
                current = rs.getInt(1);
            }
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                for (int version = current + 1; version <= MIGRATIONS.size(); version++) {
                    for (String sql : MIGRATIONS.get(version - 1)) {
                        statement.execute(sql);
                    }
                    statement.execute("INSERT INTO pki_schema_version (version) VALUES (" + version + ")");
                    connection.commit();
                }
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new LedgerException("cannot migrate the certificate ledger: " + e.getMessage(), e);
        }
    }
}
