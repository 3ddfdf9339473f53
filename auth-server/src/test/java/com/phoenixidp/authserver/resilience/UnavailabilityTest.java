package com.phoenixidp.authserver.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.TransactionSystemException;

/** Which failures are the server's and pass (503), and which connections the pool must throw away. */
class UnavailabilityTest {

    @Test
    void ofWhenStorageFailuresThenStorage() {
        assertThat(Unavailability.of(new DataAccessResourceFailureException("no connection")))
                .isEqualTo(Unavailability.STORAGE);
        assertThat(Unavailability.of(new TransactionSystemException("JDBC rollback failed")))
                .isEqualTo(Unavailability.STORAGE);
        assertThat(Unavailability.of(new SQLTransientConnectionException("pool timed out")))
                .isEqualTo(Unavailability.STORAGE);
        assertThat(Unavailability.of(uncategorized(new SQLException("The database has been closed", "90098", 90098))))
                .isEqualTo(Unavailability.STORAGE);
        assertThat(Unavailability.of(uncategorized(new SQLException("The database is read only", "90097", 90097))))
                .isEqualTo(Unavailability.STORAGE);
        assertThat(Unavailability.of(uncategorized(
                        new SQLException("General error", "HY000", 50000, new IOException("No space left on device")))))
                .isEqualTo(Unavailability.STORAGE);
        assertThat(Unavailability.of(new UncheckedIOException(new IOException("Read-only file system"))))
                .isEqualTo(Unavailability.STORAGE);
        assertThat(Unavailability.of(uncategorized(new SQLException("disk full", "53100", 0))))
                .isEqualTo(Unavailability.STORAGE);
        assertThat(Unavailability.of(uncategorized(new SQLException("Connection is closed", "08003"))))
                .isEqualTo(Unavailability.STORAGE);
    }

    @Test
    void ofWhenBusyThenPasswordHashingBusy() {
        assertThat(Unavailability.of(new RuntimeException(new PasswordHashingBusyException())))
                .isEqualTo(Unavailability.PASSWORD_HASHING_BUSY);
    }

    @Test
    void ofWhenClientOrProgrammingErrorsThenNull() {
        assertThat(Unavailability.of(new DataIntegrityViolationException("duplicate key")))
                .isNull();
        assertThat(Unavailability.of(new BadSqlGrammarException("q", "SELECT", new SQLException("syntax", "42000"))))
                .isNull();
        assertThat(Unavailability.of(new IllegalArgumentException("bad input"))).isNull();
        assertThat(Unavailability.of(new IOException("Broken pipe"))).isNull();
    }

    @Test
    void describeWhenNestedThenOneLineWithStateCodeAndRootCause() {
        String line = Unavailability.describe(uncategorized(new SQLException(
                "General error: \"Writing failed\"\nSQL statement: INSERT INTO x VALUES (?)",
                "HY000",
                50000,
                new IOException("No space left on device"))));

        assertThat(line)
                .isEqualTo("SQLState HY000, code 50000; java.io.IOException: No space left on device")
                .doesNotContain("\n");
    }

    @Test
    void adjudicateWhenH2DatabaseClosedOrReadOnlyOrDiskFullThenEvict() {
        BrokenConnectionEviction eviction = new BrokenConnectionEviction();

        assertThat(eviction.adjudicate(new SQLException("closed", "90098", 90098)))
                .isEqualTo(SQLExceptionOverride.Override.MUST_EVICT);
        assertThat(eviction.adjudicate(new SQLException("read only", "90097", 90097)))
                .isEqualTo(SQLExceptionOverride.Override.MUST_EVICT);
        assertThat(eviction.adjudicate(
                        new SQLException("General error", "HY000", 50000, new IOException("No space left on device"))))
                .isEqualTo(SQLExceptionOverride.Override.MUST_EVICT);
        assertThat(eviction.adjudicate(new SQLException("Unique index violation", "23505", 23505)))
                .isEqualTo(SQLExceptionOverride.Override.CONTINUE_EVICT);
    }

    private static UncategorizedSQLException uncategorized(SQLException cause) {
        return new UncategorizedSQLException("test", "SELECT 1", cause);
    }
}
