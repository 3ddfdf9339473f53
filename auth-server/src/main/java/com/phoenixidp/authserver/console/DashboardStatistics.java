package com.phoenixidp.authserver.console;

import com.phoenixidp.authserver.audit.AuditLog;
import com.phoenixidp.authserver.ca.CertificateAuthorityHolder;
import com.phoenixidp.authserver.user.UserService;
import com.phoenixidp.crypto.keys.KeyStatus;
import com.phoenixidp.crypto.keys.SigningKeyManager;
import com.phoenixidp.crypto.keys.StoredSigningKey;
import com.phoenixidp.pki.store.CertificateRecord;
import com.phoenixidp.pki.store.CertificateStatus;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The figures on the console's dashboard, read from the database so every node shows the same:
 * per-minute counts over the last hour from the audit table ({@code phoenix_audit_event}, one
 * {@code GROUP BY} query per series), signed-in sessions from Spring Session's table, users and
 * clients, the age of each algorithm's signing key, and certificates close to expiry.
 */
@Component
public class DashboardStatistics {

    /** Minutes shown in the per-minute charts. */
    public static final int MINUTES = 60;

    /** Certificates expiring sooner than this are flagged. */
    public static final Duration EXPIRY_WARNING = Duration.ofDays(30);

    /** Tokens issued at the token endpoint (every grant). */
    static final String TOKENS_ISSUED = "event_type = 'token.issued'";

    /** Completed sign-ins: password, or a passwordless passkey (a second-factor passkey follows a password one). */
    static final String SIGN_INS_SUCCEEDED =
            "(event_type = 'login.succeeded' OR (event_type = 'passkey.used' AND details LIKE '%mode=passwordless%'))";

    /** Refused sign-ins: wrong password, locked account, failed passkey ceremony. */
    static final String SIGN_INS_FAILED = "event_type IN ('login.failed', 'passkey.login_failed')";

    /** Counts per minute, oldest first; {@code start} is the first minute's beginning. */
    public record PerMinute(Instant start, List<Long> counts) {

        public PerMinute {
            counts = List.copyOf(counts);
        }

        public long total() {
            long sum = 0;
            for (long c : this.counts) {
                sum += c;
            }
            return sum;
        }
    }

    /** An algorithm's ACTIVE signing key and how long it has been signing. */
    public record KeyAge(String algorithm, String kid, Instant activeSince, Duration age, boolean nextPublished) {}

    private final JdbcTemplate jdbc;

    private final AuditLog audit;

    private final UserService users;

    private final SigningKeyManager keys;

    private final ObjectProvider<CertificateAuthorityHolder> authority;

    private final Clock clock;

    public DashboardStatistics(
            JdbcTemplate jdbc,
            AuditLog audit,
            UserService users,
            SigningKeyManager keys,
            ObjectProvider<CertificateAuthorityHolder> authority,
            Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.users = users;
        this.keys = keys;
        this.authority = authority;
        this.clock = clock;
    }

    /** The first minute of the window ending with the current (partial) minute. */
    public Instant windowStart() {
        long minute = Math.floorDiv(this.clock.instant().getEpochSecond(), 60);
        return Instant.ofEpochSecond((minute - MINUTES + 1) * 60);
    }

    public PerMinute tokensIssued(Instant start) {
        return perMinute(TOKENS_ISSUED, start);
    }

    public PerMinute signInsSucceeded(Instant start) {
        return perMinute(SIGN_INS_SUCCEEDED, start);
    }

    public PerMinute signInsFailed(Instant start) {
        return perMinute(SIGN_INS_FAILED, start);
    }

    /** Flushes this node's queued audit events first, so the last seconds are counted too. */
    public void flushAudit() {
        this.audit.flush();
    }

    /** Browser sessions that are signed in and not expired (on every node: sessions are in the database). */
    public long signedInSessions() {
        Long count = this.jdbc.queryForObject(
                "SELECT COUNT(*) FROM spring_session WHERE expiry_time > ? AND principal_name IS NOT NULL",
                Long.class,
                this.clock.millis());
        return (count != null) ? count : 0;
    }

    public long users() {
        return this.users.count();
    }

    public long clients() {
        Long count = this.jdbc.queryForObject("SELECT COUNT(*) FROM oauth2_registered_client", Long.class);
        return (count != null) ? count : 0;
    }

    public List<KeyAge> keyAges() {
        Instant now = this.clock.instant();
        List<StoredSigningKey> all = this.keys.describe();
        return all.stream()
                .filter((k) -> k.status() == KeyStatus.ACTIVE)
                .sorted(Comparator.comparing(
                        (StoredSigningKey k) -> k.algorithm().name()))
                .map((k) -> {
                    Instant since = (k.activatedAt() != null) ? k.activatedAt() : k.createdAt();
                    boolean next = all.stream()
                            .anyMatch((o) -> o.algorithm() == k.algorithm() && o.status() == KeyStatus.NEXT);
                    return new KeyAge(k.algorithm().name(), k.kid(), since, Duration.between(since, now), next);
                })
                .toList();
    }

    /** Whether a CA is attached (else there are no certificates to watch). */
    public boolean caAttached() {
        return this.authority.getIfAvailable() != null;
    }

    /** Valid certificates whose not-after is within {@link #EXPIRY_WARNING}, soonest first. */
    public List<CertificateRecord> certificatesExpiringSoon() {
        CertificateAuthorityHolder holder = this.authority.getIfAvailable();
        if (holder == null) {
            return List.of();
        }
        Instant limit = this.clock.instant().plus(EXPIRY_WARNING);
        return holder.get().list(CertificateStatus.VALID).stream()
                .filter((r) -> r.notAfter().isBefore(limit))
                .sorted(Comparator.comparing(CertificateRecord::notAfter))
                .toList();
    }

    /** Valid certificates in the ledger. */
    public long validCertificates() {
        CertificateAuthorityHolder holder = this.authority.getIfAvailable();
        return (holder == null) ? 0 : holder.get().list(CertificateStatus.VALID).size();
    }

    /**
     * One query: events matching {@code condition} (a constant of this class, never input) since
     * {@code start}, grouped by minute since the epoch.
     */
    private PerMinute perMinute(String condition, Instant start) {
        long firstMinute = start.getEpochSecond() / 60;
        long[] counts = new long[MINUTES];
        String minute = "FLOOR(EXTRACT(EPOCH FROM event_time) / 60)";
        this.jdbc.query(
                "SELECT " + minute + " AS event_minute, COUNT(*) AS events FROM phoenix_audit_event"
                        + " WHERE event_time >= ? AND event_time < ? AND " + condition + " GROUP BY " + minute,
                (rs) -> {
                    int index = (int) (rs.getLong("event_minute") - firstMinute);
                    if (index >= 0 && index < MINUTES) {
                        counts[index] += rs.getLong("events");
                    }
                },
                Timestamp.from(start),
                Timestamp.from(start.plusSeconds(MINUTES * 60L)));
        return new PerMinute(start, Arrays.stream(counts).boxed().toList());
    }
}
