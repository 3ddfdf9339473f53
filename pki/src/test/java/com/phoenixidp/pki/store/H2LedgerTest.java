package com.phoenixidp.pki.store;

import static com.phoenixidp.pki.store.LedgerFixtures.missing;
import static com.phoenixidp.pki.store.LedgerFixtures.record;
import static com.phoenixidp.pki.store.LedgerFixtures.shutDownImmediately;
import static org.assertj.core.api.Assertions.assertThat;

import com.phoenixidp.pki.revocation.RevocationReason;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H2LedgerTest {

    private static final char[] PASSWORD = "ledger-password".toCharArray();

    @TempDir
    Path dir;

    @Test
    void openWhenTheJournalHoldsRecordsTheFileLacksThenTheyAreInsertedAndTheJournalEmptied() throws Exception {
        try (H2Ledger ledger = H2Ledger.open(dir, PASSWORD)) {
            ledger.store().record(record(1));
        }
        try (LedgerJournal journal = LedgerJournal.tryOpen(dir)) {
            assertThat(journal).isNotNull();
            journal.append(List.of(record(1), record(2))); // 1 is in the file already, 2 is not
        }

        try (H2Ledger ledger = H2Ledger.open(dir, PASSWORD)) {
            assertThat(ledger.journaling()).isTrue();
            assertThat(ledger.store().find(BigInteger.ONE)).isPresent();
            assertThat(ledger.store().find(BigInteger.TWO)).isPresent();
            assertThat(Files.size(dir.resolve("ledger.journal.0")) + Files.size(dir.resolve("ledger.journal.1")))
                    .isZero();
        }
    }

    @Test
    void syncWhenH2ReopenedTheDatabaseWithoutItsUnwrittenCommitsThenTheJournalPutsThemBack() throws Exception {
        try (H2Ledger ledger = H2Ledger.open(dir, PASSWORD)) {
            recordThenShutDownImmediately(ledger, 50);

            List<Long> missing = missing(ledger, 50);
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (!missing.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(100); // the sync thread's next tick puts them back
                missing = missing(ledger, 50);
            }
            assertThat(missing)
                    .as("acknowledged records missing 15 s after the reopen")
                    .isEmpty();
        }
    }

    @Test
    void lookupWhenH2ReopenedTheDatabaseWithoutItsUnwrittenCommitsThenTheRecordsAreBackAtOnce() throws Exception {
        try (H2Ledger ledger = H2Ledger.open(dir, PASSWORD)) {
            recordThenShutDownImmediately(ledger, 50);
            awaitReopenedWithoutTheLedger(ledger);

            // within the sync thread's second: a revocation of a record the reopened database lost,
            // then lookups, as OCSP makes them; none may answer "unknown"
            CertificateRecord revoked =
                    ledger.store().revoke(BigInteger.valueOf(7), RevocationReason.KEY_COMPROMISE, Instant.now());
            List<Long> missing = missing(ledger, 50);

            assertThat(revoked.revokedAt()).isNotNull();
            assertThat(missing)
                    .as("acknowledged records not found right after the reopen")
                    .isEmpty();
            assertThat(ledger.store().find(BigInteger.valueOf(7)).orElseThrow().revokedAt())
                    .isNotNull();
        }
    }

    /**
     * Records serials 1 … {@code last}, then closes the database under the ledger without writing
     * what H2 still holds in memory: those of them not yet written are then only in the journal.
     */
    private static void recordThenShutDownImmediately(H2Ledger ledger, long last) throws SQLException {
        for (long serial = 1; serial <= last; serial++) {
            ledger.store().record(record(serial));
        }
        shutDownImmediately(ledger);
    }

    /**
     * Waits, with plain SQL (not through the store, whose lookups would put the records back
     * themselves), until the pool has dropped the closed database's connections and H2 has
     * reopened it.
     */
    private static void awaitReopenedWithoutTheLedger(H2Ledger ledger) throws InterruptedException {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (Connection connection = ledger.dataSource().getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("SELECT COUNT(*) FROM pki_certificates");
                return;
            } catch (SQLException closed) {
                Thread.sleep(10); // a connection of the closed database
            }
        }
        throw new AssertionError("H2 did not reopen the ledger's database");
    }

    @Test
    void closeWhenH2ReopenedTheDatabaseWithoutItsUnwrittenCommitsThenTheyAreInsertedBeforeTheJournalIsEmptied()
            throws Exception {
        try (H2Ledger ledger = H2Ledger.open(dir, PASSWORD)) {
            recordThenShutDownImmediately(ledger, 50);
            // a read, as OCSP makes, until the pool has dropped the closed database's connections and reopened it
            boolean reopened = false;
            for (int attempt = 0; attempt < 20 && !reopened; attempt++) {
                try {
                    ledger.store().find(BigInteger.ONE);
                    reopened = true;
                } catch (LedgerException closed) {
                    // a connection of the closed database
                }
            }
            assertThat(reopened).isTrue();
        }

        try (H2Ledger reopened = H2Ledger.open(dir, PASSWORD)) {
            assertThat(missing(reopened, 50))
                    .as("acknowledged records missing after a close that followed the reopen")
                    .isEmpty();
        }
    }

    @Test
    void openWhenAnotherLedgerJournalsThenThisOneWritesThroughAndTakesTheJournalOverOnceItIsClosed() throws Exception {
        H2Ledger first = H2Ledger.open(dir, PASSWORD);
        try (H2Ledger second = H2Ledger.open(dir, PASSWORD)) {
            assertThat(first.journaling()).isTrue();
            assertThat(second.journaling()).isFalse();

            second.store().record(record(10));
            first.store().record(record(11));
            assertThat(first.store().find(BigInteger.valueOf(10))).isPresent();
            assertThat(second.store().find(BigInteger.valueOf(11))).isPresent();

            first.close();
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (!second.journaling() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(second.journaling())
                    .as("took the journal over within 15 s")
                    .isTrue();
            second.store().record(record(12));
            assertThat(second.store().find(BigInteger.valueOf(12))).isPresent();
        } finally {
            first.close();
        }
    }
}
