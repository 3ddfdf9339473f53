package com.phoenixidp.pki.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H2LedgerTest {

    private static final char[] PASSWORD = "ledger-password".toCharArray();

    @TempDir
    Path dir;

    private static CertificateRecord record(long serial) {
        Instant now = Instant.now();
        return new CertificateRecord(
                BigInteger.valueOf(serial),
                "CN=svc" + serial,
                List.of("dns:svc" + serial + ".example.internal"),
                "server",
                now,
                now.plus(Duration.ofDays(30)),
                now,
                null,
                null,
                new byte[] {1, 2, 3});
    }

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
            for (long serial = 1; serial <= 50; serial++) {
                ledger.store().record(record(serial));
            }
            // closes the database without writing what H2 still holds in memory, as a failed
            // background write does; the pool's next connection reopens it from the file
            try (Connection connection = ledger.dataSource().getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("SHUTDOWN IMMEDIATELY");
            }

            List<Long> missing = List.of();
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            do {
                Thread.sleep(100);
                try {
                    missing = LongStream.rangeClosed(1, 50)
                            .filter(serial -> ledger.store()
                                    .find(BigInteger.valueOf(serial))
                                    .isEmpty())
                            .boxed()
                            .toList();
                } catch (LedgerException closed) {
                    missing = List.of(-1L); // a connection of the closed database, discarded by the pool
                }
            } while (!missing.isEmpty() && System.nanoTime() < deadline);
            assertThat(missing)
                    .as("acknowledged records missing 15 s after the reopen")
                    .isEmpty();
        }
    }

    @Test
    void closeWhenH2ReopenedTheDatabaseWithoutItsUnwrittenCommitsThenTheyAreInsertedBeforeTheJournalIsEmptied()
            throws Exception {
        try (H2Ledger ledger = H2Ledger.open(dir, PASSWORD)) {
            for (long serial = 1; serial <= 50; serial++) {
                ledger.store().record(record(serial));
            }
            try (Connection connection = ledger.dataSource().getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("SHUTDOWN IMMEDIATELY");
            }
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
            assertThat(LongStream.rangeClosed(1, 50)
                            .filter(serial -> reopened.store()
                                    .find(BigInteger.valueOf(serial))
                                    .isEmpty())
                            .boxed()
                            .toList())
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
