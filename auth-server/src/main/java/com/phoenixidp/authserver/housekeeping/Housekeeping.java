package com.phoenixidp.authserver.housekeeping;

import com.phoenixidp.authserver.audit.AuditProperties;
import com.phoenixidp.authserver.config.NodeName;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes what has expired: authorizations (codes, tokens, device codes, pending requests), reuse
 * markers of rotated-away refresh tokens, device poll clocks, passkey challenges, HTTP sessions
 * (instead of Spring Session's own per-node cleanup job, which is switched off), revocation-list
 * entries of expired tokens, expired password-reset links and audit events
 * older than {@code phoenix.audit.retention}. Every node tries every
 * {@code phoenix.housekeeping.interval}; a ShedLock lease in the database lets one node at a time
 * run, so a row expired at {@code t} is gone by {@code t + grace + interval} (plus a run's length).
 * Each run logs one line naming the node and what it removed.
 */
@Component
public class Housekeeping {

    static final String LOCK_NAME = "phoenix-housekeeping";

    private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);

    private final JdbcTemplate jdbc;

    private final LockingTaskExecutor locks;

    private final HousekeepingProperties properties;

    private final AuditProperties audit;

    private final String node;

    private final Clock clock;

    public Housekeeping(
            JdbcTemplate jdbc,
            LockingTaskExecutor locks,
            HousekeepingProperties properties,
            AuditProperties audit,
            NodeName node,
            Clock clock) {
        this.jdbc = jdbc;
        this.locks = locks;
        this.properties = properties;
        this.audit = audit;
        this.node = node.value();
        this.clock = clock;
    }

    @Scheduled(
            fixedRateString = "${phoenix.housekeeping.interval:5m}",
            initialDelayString = "${phoenix.housekeeping.interval:5m}")
    public void runIfNoOtherNodeIs() {
        Duration interval = this.properties.getInterval();
        try {
            // held at least 9/10 of an interval (so one run per interval in the cluster), at most one
            // interval (so a node killed mid-run delays the next run by one interval at worst)
            this.locks.executeWithLock(
                    (Runnable) this::run,
                    new LockConfiguration(
                            this.clock.instant(),
                            LOCK_NAME,
                            interval,
                            interval.multipliedBy(9).dividedBy(10)));
        } catch (RuntimeException ex) {
            LOG.error("Housekeeping on {} failed: {}", this.node, ex.toString());
        }
    }

    /** One run, without the lock (the caller holds it); returns what was removed. */
    Removed run() {
        long started = System.nanoTime();
        // stop starting new batches after half an interval; the rest waits for the next run
        long stopAt = started + this.properties.getInterval().toNanos() / 2;
        ExpiredRows expired =
                new ExpiredRows(this.jdbc, this.properties.getBatchSize(), () -> System.nanoTime() < stopAt);
        Instant now = this.clock.instant();
        Instant cutoff = now.minus(this.properties.getGrace());
        Removed removed = new Removed(
                expired.authorizations(cutoff),
                expired.usedRefreshTokens(cutoff),
                expired.devicePolls(cutoff),
                expired.challenges(cutoff),
                expired.sessions(cutoff),
                expired.revokedTokens(cutoff),
                expired.passwordResets(cutoff),
                expired.auditEvents(now.minus(this.audit.getRetention())));
        LOG.info(
                "Housekeeping on node {} removed {} ({} ms)",
                this.node,
                removed,
                (System.nanoTime() - started) / 1_000_000);
        return removed;
    }

    /** What one run removed. */
    record Removed(
            int authorizations,
            int usedRefreshTokens,
            int devicePolls,
            int passkeyChallenges,
            int sessions,
            int revokedTokens,
            int passwordResets,
            int auditEvents) {

        @Override
        public String toString() {
            return "authorizations=" + this.authorizations + " used_refresh_tokens=" + this.usedRefreshTokens
                    + " device_polls=" + this.devicePolls + " passkey_challenges=" + this.passkeyChallenges
                    + " sessions=" + this.sessions + " revoked_tokens=" + this.revokedTokens
                    + " password_resets=" + this.passwordResets + " audit_events=" + this.auditEvents;
        }
    }
}
