package com.phoenixidp.authserver.resilience;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;

/**
 * Tells the connection pool (HikariCP, {@code spring.datasource.hikari.exception-override-class-name})
 * to throw away a connection whose database is gone, so that the pool opens fresh ones and the
 * server recovers by itself once the disk has space again or the data directory is writable.
 * H2 in file mode closes the whole database after a failed write (a full disk, a read-only
 * directory); every pooled connection then fails with "database is already closed" (90098), which
 * Hikari does not know as fatal (it only evicts SQLState 08xxx and a few vendor codes), so without
 * this the pool would hand out dead connections until restart. Read-only (90097) sessions are
 * evicted too: one opened while the directory was read-only stays read-only.
 */
public final class BrokenConnectionEviction implements SQLExceptionOverride {

    private static final java.util.Set<Integer> FATAL_H2_CODES = java.util.Set.of(
            90028, // IO_EXCEPTION_1
            90031, // IO_EXCEPTION_2
            90097, // DATABASE_IS_READ_ONLY
            90098, // DATABASE_IS_CLOSED
            90100, // NO_DISK_SPACE_AVAILABLE
            90121 // DATABASE_CALLED_AT_SHUTDOWN
            );

    @java.lang.Override
    public Override adjudicate(SQLException ex) {
        if (FATAL_H2_CODES.contains(ex.getErrorCode())) {
            return Override.MUST_EVICT;
        }
        if (ex.getErrorCode() == 50000 && Unavailability.of(ex) == Unavailability.STORAGE) {
            return Override.MUST_EVICT; // H2 "general error" wrapping a failed file write
        }
        return Override.CONTINUE_EVICT;
    }
}
