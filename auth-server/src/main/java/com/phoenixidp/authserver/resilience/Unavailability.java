package com.phoenixidp.authserver.resilience;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Why a request failed for a reason that is the server's and passes (503, RFC 9110 section
 * 15.6.4), not the client's: password hashing saturated, or the database cannot be reached or
 * cannot write (disk full, read-only data directory, database closed after such a failure, pool
 * exhausted). Found by walking the exception's causes; {@link #of} is null for anything else.
 */
public enum Unavailability {

    /** {@link PasswordHashingBusyException}: try again in a second. */
    PASSWORD_HASHING_BUSY,

    /** The database cannot be used now: a full disk, a read-only data directory, ... */
    STORAGE;

    /**
     * H2 error codes of storage failures: 90028/90031 I/O, 90097 database read-only, 90098
     * database closed (H2 closes it after a failed write), 90100 no disk space, 90121 closed at
     * shutdown, 90046/90117/90126 connection failures, 50000 with an I/O cause (below).
     */
    private static final Set<Integer> H2_STORAGE_CODES =
            Set.of(90028, 90031, 90046, 90097, 90098, 90100, 90117, 90121, 90126);

    /** SQLState classes and codes: 08 connection, 53 insufficient resources (PostgreSQL 53100 disk full),
     * 57P0x shutdown, 25006 read-only transaction, HY000 with an I/O cause (below). */
    private static final Set<String> STORAGE_SQL_STATES = Set.of("25006", "57P01", "57P02", "57P03");

    public static @Nullable Unavailability of(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 32; t = t.getCause(), depth++) {
            if (t instanceof PasswordHashingBusyException) {
                return PASSWORD_HASHING_BUSY;
            }
            if (t instanceof DataAccessResourceFailureException
                    || t instanceof TransientDataAccessResourceException
                    || t instanceof CannotCreateTransactionException
                    || t instanceof TransactionSystemException
                    || t instanceof SQLTransientConnectionException) {
                return STORAGE; // no connection, or commit/rollback failed: the database, not the request
            }
            if (t instanceof SQLException sql && isStorage(sql)) {
                return STORAGE;
            }
            if (t instanceof IOException && mentionsFullOrReadOnly(t.getMessage())) {
                return STORAGE;
            }
            if (t.getClass().getName().equals("org.h2.mvstore.MVStoreException")) {
                return STORAGE;
            }
        }
        return null;
    }

    private static boolean isStorage(SQLException sql) {
        String state = sql.getSQLState();
        if (H2_STORAGE_CODES.contains(sql.getErrorCode())
                || (state != null
                        && (state.startsWith("08") || state.startsWith("53") || STORAGE_SQL_STATES.contains(state)))) {
            return true;
        }
        return mentionsFullOrReadOnly(sql.getMessage());
    }

    private static boolean mentionsFullOrReadOnly(@Nullable String message) {
        if (message == null) {
            return false;
        }
        String lower = message.toLowerCase(Locale.ROOT);
        return lower.contains("no space left")
                || lower.contains("read-only file system")
                || lower.contains("database is already closed")
                || lower.contains("database has been closed")
                || lower.contains("disk quota exceeded");
    }

    /**
     * One line about the failure for the log, without a stack trace: the SQLState and error code of
     * the innermost SQL exception and the innermost cause's type and first message line (never a
     * parameter value: JDBC messages carry statement text with placeholders only).
     */
    public static String describe(Throwable failure) {
        SQLException sql = null;
        Throwable root = failure;
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 32; t = t.getCause(), depth++) {
            if (t instanceof SQLException s) {
                sql = s;
            }
            root = t;
        }
        String message = String.valueOf(root.getMessage());
        int newline = message.indexOf('\n');
        if (newline >= 0) {
            message = message.substring(0, newline);
        }
        if (message.length() > 200) {
            message = message.substring(0, 200) + "...";
        }
        String where = (sql != null) ? "SQLState " + sql.getSQLState() + ", code " + sql.getErrorCode() + "; " : "";
        return where + root.getClass().getName() + ": " + message;
    }
}
