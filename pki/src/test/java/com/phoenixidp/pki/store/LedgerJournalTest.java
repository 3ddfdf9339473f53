package com.phoenixidp.pki.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.phoenixidp.pki.revocation.RevocationReason;
import java.io.RandomAccessFile;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerJournalTest {

    private static final Instant NOW = Instant.parse("2026-12-07T01:02:03.456789012Z");

    @TempDir
    Path dir;

    private static CertificateRecord record(long serial) {
        return new CertificateRecord(
                BigInteger.valueOf(serial),
                "CN=svc" + serial + ",O=Ünïcode",
                List.of("dns:svc" + serial + ".example.internal", "uri:spiffe://phoenix.local/ns/a/sa/b"),
                "peer",
                NOW,
                NOW.plusSeconds(86_400),
                NOW,
                null,
                null,
                new byte[] {(byte) serial, 2, 3});
    }

    @Test
    void readWhenAppendedThenEveryFieldRoundTrips() throws Exception {
        CertificateRecord revoked = new CertificateRecord(
                new BigInteger("-123456789abcdef0123456789", 16),
                "CN=x",
                List.of(),
                "server",
                NOW,
                NOW,
                NOW,
                NOW.plusSeconds(5),
                RevocationReason.KEY_COMPROMISE,
                null);
        try (LedgerJournal journal = LedgerJournal.tryOpen(dir)) {
            assertThat(journal).isNotNull();
            journal.append(List.of(record(1), revoked));

            List<CertificateRecord> read = journal.read();

            assertThat(read).hasSize(2);
            CertificateRecord first = read.get(0);
            CertificateRecord expected = record(1);
            assertThat(first.serial()).isEqualTo(expected.serial());
            assertThat(first.subject()).isEqualTo(expected.subject());
            assertThat(first.subjectAltNames()).isEqualTo(expected.subjectAltNames());
            assertThat(first.profile()).isEqualTo("peer");
            assertThat(first.notBefore()).isEqualTo(NOW);
            assertThat(first.notAfter()).isEqualTo(expected.notAfter());
            assertThat(first.issuedAt()).isEqualTo(NOW);
            assertThat(first.revokedAt()).isNull();
            assertThat(first.revocationReason()).isNull();
            assertThat(first.der()).containsExactly(1, 2, 3);
            CertificateRecord second = read.get(1);
            assertThat(second.serial()).isEqualTo(revoked.serial());
            assertThat(second.subjectAltNames()).isEmpty();
            assertThat(second.revokedAt()).isEqualTo(NOW.plusSeconds(5));
            assertThat(second.revocationReason()).isEqualTo(RevocationReason.KEY_COMPROMISE);
            assertThat(second.der()).isNull();
        }
    }

    @Test
    void readWhenTheLastEntryIsTornOrCorruptThenTheEntriesBeforeItAreRead() throws Exception {
        try (LedgerJournal journal = LedgerJournal.tryOpen(dir)) {
            assertThat(journal).isNotNull();
            journal.append(List.of(record(1), record(2), record(3)));
        }
        Path file = dir.resolve("ledger.journal.0");
        long size = Files.size(file);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(size - 5); // a write cut short by a power cut
        }
        try (LedgerJournal journal = LedgerJournal.tryOpen(dir)) {
            assertThat(journal).isNotNull();
            assertThat(journal.read())
                    .extracting(CertificateRecord::serial)
                    .containsExactly(BigInteger.ONE, BigInteger.TWO);
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(size / 3 + 20); // a byte inside the second entry's payload (entries are the same length)
            int b = raf.read();
            raf.seek(size / 3 + 20);
            raf.write(b ^ 0xff);
        }
        try (LedgerJournal journal = LedgerJournal.tryOpen(dir)) {
            assertThat(journal).isNotNull();
            assertThat(journal.read()).extracting(CertificateRecord::serial).containsExactly(BigInteger.ONE);
        }
    }

    @Test
    void rotateWhenTheLeftFileIsClearedThenOnlyLaterAppendsRemain() throws Exception {
        try (LedgerJournal journal = LedgerJournal.tryOpen(dir)) {
            assertThat(journal).isNotNull();
            journal.append(List.of(record(1)));
            int left = journal.rotate();
            journal.append(List.of(record(2)));
            journal.clear(left);
            journal.append(List.of(record(3)));

            assertThat(journal.read())
                    .extracting(CertificateRecord::serial)
                    .containsExactlyInAnyOrder(BigInteger.TWO, BigInteger.valueOf(3));

            int leftAgain = journal.rotate(); // appends go back to the emptied file, from its start
            journal.append(List.of(record(4)));
            journal.clear(leftAgain);

            assertThat(journal.read()).extracting(CertificateRecord::serial).containsExactly(BigInteger.valueOf(4));
        }
    }

    @Test
    void tryOpenWhenAnotherHoldsTheJournalThenNullUntilItIsClosed() throws Exception {
        LedgerJournal holder = LedgerJournal.tryOpen(dir);
        assertThat(holder).isNotNull();
        holder.append(List.of(record(7)));

        assertThat(LedgerJournal.tryOpen(dir)).isNull();

        holder.close();
        try (LedgerJournal next = LedgerJournal.tryOpen(dir)) {
            assertThat(next).isNotNull();
            assertThat(next.read()).extracting(CertificateRecord::serial).containsExactly(BigInteger.valueOf(7));
        }
    }
}
