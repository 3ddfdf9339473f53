package com.phoenixidp.pki.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.phoenixidp.pki.revocation.RevocationReason;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JdbcCertificateStoreTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private JdbcConnectionPool pool;
    private JdbcCertificateStore store;

    @BeforeEach
    void setUp() {
        pool = JdbcConnectionPool.create("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        LedgerSchema.migrate(pool);
        LedgerSchema.migrate(pool);
        store = new JdbcCertificateStore(pool);
    }

    @AfterEach
    void tearDown() {
        pool.dispose();
    }

    private static CertificateRecord record(long serial, Instant notAfter) {
        return new CertificateRecord(
                BigInteger.valueOf(serial),
                "CN=svc" + serial,
                List.of("dns:svc.example.internal", "ip:10.0.0.1"),
                "server",
                NOW.minus(Duration.ofDays(1)),
                notAfter,
                NOW,
                null,
                null,
                new byte[] {1, 2, 3});
    }

    @Test
    void findWhenRecordedThenAllFieldsRoundTrip() {
        store.record(record(0xabc, NOW.plus(Duration.ofDays(90))));

        CertificateRecord found = store.find(BigInteger.valueOf(0xabc)).orElseThrow();

        assertThat(found.subject()).isEqualTo("CN=svc2748");
        assertThat(found.subjectAltNames()).containsExactly("dns:svc.example.internal", "ip:10.0.0.1");
        assertThat(found.profile()).isEqualTo("server");
        assertThat(found.notAfter()).isEqualTo(NOW.plus(Duration.ofDays(90)));
        assertThat(found.der()).containsExactly(1, 2, 3);
        assertThat(found.status(NOW)).isEqualTo(CertificateStatus.VALID);
        assertThat(store.find(BigInteger.TEN)).isEmpty();
    }

    @Test
    void listWhenFilteredByStatusThenOnlyMatchingRows() {
        store.record(record(1, NOW.plus(Duration.ofDays(1))));
        store.record(record(2, NOW.minus(Duration.ofHours(1))));
        store.record(record(3, NOW.plus(Duration.ofDays(1))));
        store.revoke(BigInteger.valueOf(3), RevocationReason.SUPERSEDED, NOW);

        assertThat(store.list(CertificateStatus.VALID, NOW))
                .extracting(CertificateRecord::serial)
                .containsExactly(BigInteger.ONE);
        assertThat(store.list(CertificateStatus.EXPIRED, NOW))
                .extracting(CertificateRecord::serial)
                .containsExactly(BigInteger.TWO);
        assertThat(store.list(CertificateStatus.REVOKED, NOW))
                .extracting(CertificateRecord::serial)
                .containsExactly(BigInteger.valueOf(3));
        assertThat(store.list(null, NOW)).hasSize(3);
    }

    @Test
    void revokeWhenIssuedThenReasonAndTimeRecorded() {
        store.record(record(7, NOW.plus(Duration.ofDays(1))));

        CertificateRecord revoked =
                store.revoke(BigInteger.valueOf(7), RevocationReason.KEY_COMPROMISE, NOW.plusSeconds(5));

        assertThat(revoked.revokedAt()).isEqualTo(NOW.plusSeconds(5).truncatedTo(ChronoUnit.MICROS));
        assertThat(revoked.revocationReason()).isEqualTo(RevocationReason.KEY_COMPROMISE);
        assertThat(store.revokedUnexpired(NOW))
                .extracting(CertificateRecord::serial)
                .containsExactly(BigInteger.valueOf(7));
        assertThat(store.revokedUnexpired(NOW.plus(Duration.ofDays(2)))).isEmpty();
    }

    @Test
    void revokeWhenUnknownSerialThenUnknownCertificate() {
        assertThatThrownBy(() -> store.revoke(BigInteger.valueOf(99), RevocationReason.UNSPECIFIED, NOW))
                .isInstanceOf(UnknownCertificateException.class)
                .hasMessageContaining("63");
    }

    @Test
    void revokeWhenAlreadyRevokedThenAlreadyRevokedAndFirstRevocationKept() {
        store.record(record(8, NOW.plus(Duration.ofDays(1))));
        store.revoke(BigInteger.valueOf(8), RevocationReason.SUPERSEDED, NOW);

        assertThatThrownBy(
                        () -> store.revoke(BigInteger.valueOf(8), RevocationReason.KEY_COMPROMISE, NOW.plusSeconds(60)))
                .isInstanceOf(AlreadyRevokedException.class);
        assertThat(store.find(BigInteger.valueOf(8)).orElseThrow().revocationReason())
                .isEqualTo(RevocationReason.SUPERSEDED);
    }

    @Test
    void recordWhenSerialReusedThenRejected() {
        store.record(record(5, NOW.plus(Duration.ofDays(1))));

        assertThatThrownBy(() -> store.record(record(5, NOW.plus(Duration.ofDays(1)))))
                .isInstanceOf(LedgerException.class);
    }

    @Test
    void nextCrlNumberWhenCalledRepeatedlyThenStrictlyIncreasing() {
        BigInteger first = store.nextCrlNumber();
        BigInteger second = store.nextCrlNumber();

        assertThat(first).isEqualTo(BigInteger.ONE);
        assertThat(second).isEqualTo(BigInteger.TWO);
    }
}
