package com.phoenixidp.authserver.session;

import java.sql.DatabaseMetaData;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.PostgreSqlJdbcIndexedSessionRepositoryCustomizer;

/**
 * The HTTP session store (Spring Session JDBC, tables from Flyway V4). On PostgreSQL, session
 * attributes are written with {@code INSERT ... ON CONFLICT DO UPDATE}, so two concurrent requests
 * of one browser (on one node or two) that set the same attribute do not fail on the primary key.
 */
@Configuration(proxyBeanMethods = false)
public class SessionStoreConfiguration {

    @Bean
    SessionRepositoryCustomizer<JdbcIndexedSessionRepository> postgresSessionAttributeUpserts(DataSource dataSource) {
        boolean postgres = "PostgreSQL".equals(databaseProduct(dataSource));
        PostgreSqlJdbcIndexedSessionRepositoryCustomizer upserts =
                new PostgreSqlJdbcIndexedSessionRepositoryCustomizer();
        return (repository) -> {
            if (postgres) {
                upserts.customize(repository);
            }
        };
    }

    private static String databaseProduct(DataSource dataSource) {
        try {
            return JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
        } catch (MetaDataAccessException ex) {
            return "unknown";
        }
    }
}
