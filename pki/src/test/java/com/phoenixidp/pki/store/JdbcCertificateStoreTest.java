package com.phoenixidp.pki.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.phoenixidp.pki.revocation.RevocationReason;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.jspecify.annotations.Nullable;
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
    void recordWhenTheDurabilityStepFailsThenTheCallerFailsWithTheCause() {
        JdbcCertificateStore failing = new JdbcCertificateStore(pool, new LedgerDurability() {
            @Override
            public void recorded(List<CertificateRecord> records, Connection connection) throws IOException {
                throw new IOException("No space left on device");
            }

            @Override
            public void changed(Connection connection) {}

            @Override
            public boolean restoreLost() {
                return false;
            }
        });
        try {
            assertThatThrownBy(() -> failing.record(record(0x51, NOW.plus(Duration.ofDays(1)))))
                    .isInstanceOf(LedgerException.class)
                    .hasMessage(
                            "cannot record certificate 51: committed, but not made durable: No space left on device");
        } finally {
            failing.close();
        }
    }

    @Test
    void nextCrlNumberWhenCalledRepeatedlyThenStrictlyIncreasing() {
        BigInteger first = store.nextCrlNumber();
        BigInteger second = store.nextCrlNumber();

        assertThat(first).isEqualTo(BigInteger.ONE);
        assertThat(second).isEqualTo(BigInteger.TWO);
    }

    @Test
    void recordWhenCallersQueueDuringACommitThenTheirRecordsShareOneCommit() throws Exception {
        GatedDataSource gated = new GatedDataSource(pool, CertificateRecord.hex(BigInteger.ONE));
        JdbcCertificateStore grouped = new JdbcCertificateStore(gated);
        Thread first = recordInBackground(grouped, 1, new AtomicReference<>());
        gated.entered.await();
        List<Thread> queued = new ArrayList<>();
        for (long serial = 2; serial <= 4; serial++) {
            queued.add(recordInBackground(grouped, serial, new AtomicReference<>()));
        }
        awaitBlocked(queued);

        releaseAndJoin(gated, first, queued);

        assertThat(store.list(null, NOW))
                .extracting(CertificateRecord::serial)
                .containsExactlyInAnyOrder(
                        BigInteger.ONE, BigInteger.TWO, BigInteger.valueOf(3), BigInteger.valueOf(4));
        // serial 1 alone (auto-commit), then 2, 3 and 4 in one transaction
        assertThat(gated.commits.get()).isEqualTo(1);
        grouped.close();
    }

    @Test
    void recordWhenASharedCommitFailsThenOnlyTheBadRecordsCallerFails() throws Exception {
        store.record(record(9, NOW.plus(Duration.ofDays(1))));
        GatedDataSource gated = new GatedDataSource(pool, CertificateRecord.hex(BigInteger.ONE));
        JdbcCertificateStore grouped = new JdbcCertificateStore(gated);
        Thread first = recordInBackground(grouped, 1, new AtomicReference<>());
        gated.entered.await();
        AtomicReference<Throwable> good = new AtomicReference<>();
        AtomicReference<Throwable> duplicate = new AtomicReference<>();
        List<Thread> queued = List.of(recordInBackground(grouped, 2, good), recordInBackground(grouped, 9, duplicate));
        awaitBlocked(queued);

        releaseAndJoin(gated, first, queued);

        assertThat(good.get()).isNull();
        assertThat(duplicate.get())
                .isInstanceOf(LedgerException.class)
                .hasMessageContaining("cannot record certificate 9:");
        assertThat(store.find(BigInteger.TWO)).isPresent();
        assertThat(store.list(null, NOW)).hasSize(3);
        grouped.close();
    }

    @Test
    void recordWhenASharedCommitThrowsUnexpectedlyThenEveryCallerInItFailsAndNothingIsLeftHalfWritten()
            throws Exception {
        GatedDataSource gated = new GatedDataSource(
                pool, CertificateRecord.hex(BigInteger.ONE), CertificateRecord.hex(BigInteger.valueOf(3)));
        JdbcCertificateStore grouped = new JdbcCertificateStore(gated);
        Thread first = recordInBackground(grouped, 1, new AtomicReference<>());
        gated.entered.await();
        AtomicReference<Throwable> two = new AtomicReference<>();
        AtomicReference<Throwable> three = new AtomicReference<>();
        List<Thread> queued = List.of(recordInBackground(grouped, 2, two), recordInBackground(grouped, 3, three));
        awaitBlocked(queued);

        releaseAndJoin(gated, first, queued);
        grouped.record(record(4, NOW.plus(Duration.ofDays(1))));

        assertThat(two.get()).as("a caller in the failed commit").isNotNull();
        assertThat(three.get()).as("a caller in the failed commit").isNotNull();
        // 2 was inserted before 3 failed (or after): rolled back either way; the writer is back in auto-commit
        assertThat(store.list(null, NOW))
                .extracting(CertificateRecord::serial)
                .containsExactlyInAnyOrder(BigInteger.ONE, BigInteger.valueOf(4));
        grouped.close();
    }

    private static Thread recordInBackground(
            JdbcCertificateStore target, long serial, AtomicReference<Throwable> failure) {
        Thread thread = new Thread(() -> {
            try {
                target.record(record(serial, NOW.plus(Duration.ofDays(1))));
            } catch (RuntimeException e) {
                failure.set(e);
            }
        });
        thread.start();
        return thread;
    }

    private static void releaseAndJoin(GatedDataSource gated, Thread first, List<Thread> queued)
            throws InterruptedException {
        gated.release.countDown();
        first.join();
        for (Thread thread : queued) {
            thread.join();
        }
    }

    /** Waits until every thread waits for the writer lock (held by the gated first insert). */
    private static void awaitBlocked(List<Thread> threads) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!threads.stream().allMatch(t -> t.getState() == Thread.State.BLOCKED)) {
            assertThat(System.nanoTime())
                    .as("threads waiting for the writer lock")
                    .isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    /**
     * Hands out connections whose INSERT of one serial waits for {@link #release} (so the writer
     * lock stays held while other callers queue), and counts explicit commits.
     */
    private static final class GatedDataSource extends DelegatingDataSource {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger commits = new AtomicInteger();
        private final String gatedSerial;
        private final @Nullable String failingSerial;

        GatedDataSource(DataSource target, String gatedSerial) {
            this(target, gatedSerial, null);
        }

        /** Also makes the INSERT of {@code failingSerial} throw an unexpected (unchecked) exception. */
        GatedDataSource(DataSource target, String gatedSerial, @Nullable String failingSerial) {
            super(target);
            this.gatedSerial = gatedSerial;
            this.failingSerial = failingSerial;
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection connection = super.getConnection();
            return proxy(Connection.class, connection, (method, args) -> {
                if (method.getName().equals("commit")) {
                    commits.incrementAndGet();
                }
                Object result = method.invoke(connection, args);
                return method.getName().equals("prepareStatement") ? gate((PreparedStatement) result) : result;
            });
        }

        private PreparedStatement gate(PreparedStatement statement) {
            AtomicReference<Object> serial = new AtomicReference<>();
            return proxy(PreparedStatement.class, statement, (method, args) -> {
                if (method.getName().equals("setString") && Integer.valueOf(1).equals(args[0])) {
                    serial.set(args[1]);
                }
                if (method.getName().equals("executeUpdate") && gatedSerial.equals(serial.get())) {
                    entered.countDown();
                    release.await();
                }
                if (method.getName().equals("executeUpdate") && Objects.equals(failingSerial, serial.get())) {
                    throw new IllegalStateException("unexpected failure");
                }
                return method.invoke(statement, args);
            });
        }
    }

    private interface Call {
        Object invoke(Method method, Object[] args) throws Exception;
    }

    private static <T> T proxy(Class<T> type, T target, Call call) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, method, args) -> {
            try {
                return call.invoke(method, args == null ? new Object[0] : args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }

    /** A DataSource that forwards to another one. */
    private static class DelegatingDataSource implements DataSource {
        private final DataSource target;

        DelegatingDataSource(DataSource target) {
            this.target = target;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return target.getConnection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return target.getConnection(username, password);
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return target.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            target.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            target.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return target.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            return target.getParentLogger();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            return target.unwrap(iface);
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) throws SQLException {
            return target.isWrapperFor(iface);
        }
    }
}
