package com.phoenixidp.authserver.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** What the audit log stores: one line per value (no line breaks, tabs or spaces), at most 200 characters. */
class AuditLogTest {

    private final AuditLog log = new AuditLog(new JdbcTemplate(database()), Clock.systemUTC());

    @AfterEach
    void stop() {
        this.log.destroy();
    }

    @Test
    void eventWhenValuesHoldBlanksOrAreLongThenStoredOnOneLineAndCut() {
        String longValue = "a b".repeat(100); // 300 characters

        this.log.event(
                "test.event", "user", "alice\r\nforged=entry", "client", "plain", "note", "x\ty z", "long", longValue);

        List<AuditEvent> events = this.log.query(new AuditQuery(null, null, "test", null, null, 10));
        assertThat(events).hasSize(1);
        AuditEvent event = events.get(0);
        assertThat(event.user()).isEqualTo("alice__forged=entry");
        assertThat(event.client()).isEqualTo("plain");
        assertThat(event.details())
                .isEqualTo("note=x_y_z long=" + "a_b".repeat(100).substring(0, 200));
        assertThat(event.outcome()).isEqualTo("success");
    }

    @Test
    void eventWhenValueMissingThenDashAndPlainValuesUnchanged() {
        this.log.event("test.other", "user", null, "client", "c-1", "count", 3);

        AuditEvent event = this.log
                .query(new AuditQuery(null, null, "test.other", null, null, 10))
                .get(0);
        assertThat(event.user()).isNull();
        assertThat(event.details()).isEqualTo("count=3");
    }

    private static JdbcDataSource database() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:audit-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        return dataSource;
    }
}
