package com.phoenixidp.authserver.ca;

import com.phoenixidp.authserver.observability.PhoenixMetrics;
import com.phoenixidp.pki.store.CertificateRecord;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code phoenix_certificates_issued_total} and {@code phoenix_revocations_total{kind="certificate"}}
 * read from the CA's issuance ledger: certificates are issued and revoked by the {@code pki}
 * command line beside the server as well, and the ledger is where every one of them is recorded,
 * so counting there counts them all (and survives restarts). Rows are never deleted, so both
 * values only grow. The ledger is read at most every {@link #REFRESH} (scrapes come every 15 to 60
 * seconds).
 */
final class CaLedgerMetrics implements MeterBinder {

    static final Duration REFRESH = Duration.ofSeconds(30);

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CaLedgerMetrics.class);

    private final CertificateAuthorityHolder authority;

    private final Clock clock;

    private volatile @Nullable Snapshot snapshot;

    private record Snapshot(long issued, long revoked, Instant readAt) {}

    CaLedgerMetrics(CertificateAuthorityHolder authority, Clock clock) {
        this.authority = authority;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder(
                        PhoenixMetrics.CERTIFICATES_ISSUED,
                        this,
                        (m) -> m.current().issued())
                .description("Certificates issued by the built-in CA (its ledger)")
                .register(registry);
        FunctionCounter.builder(
                        PhoenixMetrics.REVOCATIONS, this, (m) -> m.current().revoked())
                .description("Revocations by kind")
                .tag("kind", "certificate")
                .register(registry);
    }

    private synchronized Snapshot current() {
        Instant now = this.clock.instant();
        Snapshot last = this.snapshot;
        if (last == null || last.readAt().plus(REFRESH).isBefore(now)) {
            try {
                List<CertificateRecord> records = this.authority.get().list(null);
                long revoked =
                        records.stream().filter((r) -> r.revokedAt() != null).count();
                last = new Snapshot(records.size(), revoked, now);
                this.snapshot = last;
            } catch (RuntimeException ex) {
                // a scrape must not fail because the ledger cannot be read: the last figures stay
                LOG.warn(
                        "Cannot read the CA ledger for metrics: {}",
                        ex.getClass().getSimpleName());
                return (last != null) ? last : new Snapshot(0, 0, now);
            }
        }
        return last;
    }
}
