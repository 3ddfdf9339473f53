package com.phoenixidp.authserver.session;

import java.sql.DatabaseMetaData;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.PostgreSqlJdbcIndexedSessionRepositoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Two requests of one session that add the same attribute at once (a browser sending two forms,
 * two tabs, a flood reusing a session: both failed sign-ins store SPRING_SECURITY_LAST_EXCEPTION)
 * both INSERT the attribute row, and Spring Session JDBC's plain INSERT makes the second one a
 * 500 (duplicate key). The attribute row is written as an upsert instead, last writer wins, as a
 * session attribute should: H2's {@code MERGE ... KEY}, PostgreSQL's {@code ON CONFLICT} (Spring
 * Session's own customizer). Other databases keep the plain INSERT.
 */
@Component
final class ConcurrentSessionWrites implements SessionRepositoryCustomizer<JdbcIndexedSessionRepository> {

    static final String H2_UPSERT_ATTRIBUTE = "MERGE INTO %TABLE_NAME%_ATTRIBUTES"
            + " (SESSION_PRIMARY_ID, ATTRIBUTE_NAME, ATTRIBUTE_BYTES)"
            + " KEY (SESSION_PRIMARY_ID, ATTRIBUTE_NAME) VALUES (?, ?, ?)";

    private static final Logger LOG = LoggerFactory.getLogger(ConcurrentSessionWrites.class);

    private final DataSource dataSource;

    ConcurrentSessionWrites(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void customize(JdbcIndexedSessionRepository sessions) {
        String product;
        try {
            product = JdbcUtils.extractDatabaseMetaData(this.dataSource, DatabaseMetaData::getDatabaseProductName);
        } catch (MetaDataAccessException ex) {
            LOG.warn(
                    "Cannot tell the session database's product; session attributes use plain INSERT: {}",
                    ex.getMessage());
            return;
        }
        if ("H2".equalsIgnoreCase(product)) {
            sessions.setCreateSessionAttributeQuery(H2_UPSERT_ATTRIBUTE);
        } else if ("PostgreSQL".equalsIgnoreCase(product)) {
            new PostgreSqlJdbcIndexedSessionRepositoryCustomizer().customize(sessions);
        }
    }
}
