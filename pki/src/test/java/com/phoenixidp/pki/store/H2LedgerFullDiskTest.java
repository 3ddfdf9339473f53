package com.phoenixidp.pki.store;

import static com.phoenixidp.pki.store.LedgerFixtures.missing;
import static com.phoenixidp.pki.store.LedgerFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A full disk under the ledger, for real: the CA directory on a small tmpfs (mounted for this test;
 * needs root, skipped otherwise). Once the disk is full, recording fails with a
 * {@link LedgerException} (the journal cannot grow, H2 cannot write and closes its database);
 * once space is back, recording works again without reopening the ledger, and every record that
 * was acknowledged, before, during or after, is in the ledger.
 */
class H2LedgerFullDiskTest {

    private static final char[] PASSWORD = "ledger-password".toCharArray();

    private Path mountPoint;

    @BeforeEach
    void mountTmpfs() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "mounting a tmpfs needs root");
        this.mountPoint = Files.createTempDirectory("pki-small-disk-");
        Assumptions.assumeTrue(
                run("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", this.mountPoint.toString()) == 0,
                "mount -t tmpfs is not permitted here");
    }

    @AfterEach
    void unmount() throws Exception {
        if (this.mountPoint != null) {
            if (run("umount", this.mountPoint.toString()) != 0) {
                run("umount", "-l", this.mountPoint.toString());
            }
            try (Stream<Path> files = Files.walk(this.mountPoint)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void recordWhenTheDiskFillsThenLedgerExceptionAndOnceSpaceIsBackNothingAcknowledgedIsMissing() throws Exception {
        Path dir = this.mountPoint.resolve("ca");
        Files.createDirectory(dir);
        Path filler = this.mountPoint.resolve("filler");
        List<Long> acknowledged = new ArrayList<>();
        long serial = 0;
        try (H2Ledger ledger = H2Ledger.open(dir, PASSWORD)) {
            for (int i = 0; i < 20; i++) {
                ledger.store().record(record(++serial));
                acknowledged.add(serial);
            }

            fill(filler);
            // long enough for H2's background writer (every 500 ms) to fail as well and close the database
            List<String> refusals = new ArrayList<>();
            long full = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < full) {
                try {
                    ledger.store().record(record(++serial));
                    acknowledged.add(serial);
                } catch (LedgerException e) {
                    refusals.add(e.getMessage());
                }
                Thread.sleep(10);
            }
            assertThat(refusals).as("LedgerExceptions while the disk is full").isNotEmpty();

            Files.delete(filler);
            boolean recorded = false;
            for (int attempt = 0; attempt < 300 && !recorded; attempt++) {
                try {
                    ledger.store().record(record(++serial));
                    acknowledged.add(serial);
                    recorded = true;
                } catch (LedgerException stillFailing) {
                    Thread.sleep(50);
                }
            }

            List<Long> missing = missing(ledger, acknowledged);
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (!missing.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(100); // a reopened database gets the journal's records at the sync thread's next tick
                missing = missing(ledger, acknowledged);
            }
            assertThat(missing)
                    .as("acknowledged while the ledger ran, missing from it")
                    .isEmpty();
        }
        try (H2Ledger reopened = H2Ledger.open(dir, PASSWORD)) {
            assertThat(missing(reopened, acknowledged))
                    .as("acknowledged, missing after a reopen")
                    .isEmpty();
        }
    }

    /** Writes zeros until the file system is full. */
    private static void fill(Path filler) {
        byte[] block = new byte[1 << 16];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            // No space left on device: as intended
        }
    }

    private static int run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor(30, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }
}
