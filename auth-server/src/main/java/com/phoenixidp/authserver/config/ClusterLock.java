package com.phoenixidp.authserver.config;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.stereotype.Component;

/**
 * A blocking lock shared by every node on the database: a row of {@code phoenix_lock} (Flyway V8)
 * held with {@code SELECT ... FOR UPDATE} in a transaction on a connection of its own, so the work
 * runs with its usual transactions and the lock goes with the holder's commit, rollback or lost
 * connection (a killed node). For work every node does once at start-up that must not run twice at
 * the same moment, such as applying {@code phoenix.bootstrap}; recurring jobs use ShedLock instead.
 */
@Component
public final class ClusterLock {

    private static final long WAIT_MILLIS = 120_000;

    private final DataSource dataSource;

    public ClusterLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs {@code work} holding lock {@code name} (a row inserted by the migrations). */
    public <T> T holding(String name, Supplier<T> work) {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (true) {
            try (Connection connection = this.dataSource.getConnection()) {
                boolean autoCommit = connection.getAutoCommit();
                connection.setAutoCommit(false);
                try {
                    lock(connection, name);
                    T result = work.get();
                    connection.commit();
                    return result;
                } catch (RuntimeException ex) {
                    connection.rollback();
                    throw ex;
                } finally {
                    connection.setAutoCommit(autoCommit);
                }
            } catch (SQLException ex) {
                // H2's lock timeout (HYT00) or PostgreSQL's lock_not_available (55P03): ask again
                boolean timeout = "HYT00".equals(ex.getSQLState()) || "55P03".equals(ex.getSQLState());
                if (!timeout || System.currentTimeMillis() > deadline) {
                    throw new CannotAcquireLockException("cannot take cluster lock " + name, ex);
                }
            }
        }
    }

    private static void lock(Connection connection, String name) throws SQLException {
        try (PreparedStatement select =
                connection.prepareStatement("SELECT name FROM phoenix_lock WHERE name = ? FOR UPDATE")) {
            select.setString(1, name);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new SQLException("phoenix_lock has no row '" + name + "' (Flyway V8 inserts it)");
                }
            }
        }
    }
}
