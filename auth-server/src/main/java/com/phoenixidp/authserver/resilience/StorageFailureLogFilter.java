package com.phoenixidp.authserver.resilience;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * While the storage is unusable (a full disk, a read-only data directory), every transaction
 * rollback, scheduled task, broken pooled connection and container error would log the same
 * stack trace at WARN or ERROR, once per request or connection. This Logback filter drops WARN
 * and ERROR events that carry an exception which is a storage failure ({@link
 * Unavailability#STORAGE}) and lets {@link UnavailabilityLog} write its one WARN line instead (at
 * most one per interval, with a count). Events without an exception, or with any other, are
 * untouched.
 */
final class StorageFailureLogFilter extends TurboFilter {

    private final UnavailabilityLog log;

    StorageFailureLogFilter(UnavailabilityLog log) {
        this.log = log;
        setName("phoenix-storage-failures");
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (level == null || !level.isGreaterOrEqual(Level.WARN)) {
            return FilterReply.NEUTRAL;
        }
        Throwable failure = (t != null) ? t : lastThrowable(params);
        if (failure == null || Unavailability.of(failure) != Unavailability.STORAGE) {
            return FilterReply.NEUTRAL;
        }
        this.log.recordBackground(logger.getName(), failure);
        return FilterReply.DENY;
    }

    private static @Nullable Throwable lastThrowable(Object[] params) {
        return (params != null && params.length > 0 && params[params.length - 1] instanceof Throwable t) ? t : null;
    }

    /** Adds the filter to Logback (when it is the logging backend); the returned handle removes it. */
    static Runnable install(UnavailabilityLog log) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return () -> {};
        }
        StorageFailureLogFilter filter = new StorageFailureLogFilter(log);
        filter.setContext(context);
        filter.start();
        context.addTurboFilter(filter);
        return () -> context.getTurboFilterList().remove(filter);
    }
}
