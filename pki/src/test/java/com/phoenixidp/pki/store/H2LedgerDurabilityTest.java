package com.phoenixidp.pki.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A certificate the ledger said it recorded is still there after the recording process was killed
 * with SIGKILL: H2 writes commits up to 500 ms later, so without the journal (or, in a process that
 * does not hold it, a checkpoint per write) the last half second would be lost.
 */
class H2LedgerDurabilityTest {

    @TempDir
    Path dir;

    @Test
    void recordWhenProcessKilledThenEveryAcknowledgedCertificateIsInTheLedger() throws Exception {
        assertNothingLost(killWriter());
    }

    @Test
    void recordWhenProcessWithoutTheJournalKilledThenEveryAcknowledgedCertificateIsInTheLedger() throws Exception {
        long acknowledged;
        try (LedgerJournal heldHere = LedgerJournal.tryOpen(this.dir)) {
            assertThat(heldHere).isNotNull(); // the writer cannot journal: it forces each record to disk
            acknowledged = killWriter();
        }
        assertNothingLost(acknowledged);
    }

    @Test
    void closeWhenTheJvmStopsAfterH2ClosedTheDatabaseThenNoTraceFileAndNothingLost() throws Exception {
        Process writer = startWriter("50");
        String output = new String(writer.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(writer.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(writer.exitValue()).as(output).isZero();
        assertThat(output).contains("recorded 50", "closed by H2 first: true");

        // before: "Database is already closed" with its stack trace, on every clean stop
        Path trace = this.dir.resolve("ledger.trace.db");
        assertThat(Files.exists(trace) ? Files.readString(trace) : "").doesNotContain("Exception");
        assertNothingLost(50);
    }

    /** Runs {@link LedgerWriterMain} until it acknowledged 200 records, kills it; returns the last acknowledged. */
    private long killWriter() throws Exception {
        Process writer = startWriter();
        AtomicLong acknowledged = new AtomicLong();
        List<String> output = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith("recorded ")) {
                        acknowledged.set(Long.parseLong(line.substring("recorded ".length())));
                    } else if (output.size() < 50) {
                        output.add(line);
                    }
                }
            } catch (java.io.IOException ex) {
                // the process is gone
            }
        });
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (acknowledged.get() < 200 && writer.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }

        writer.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        reader.join(10_000);

        assertThat(acknowledged.get()).as("writer output: %s", output).isGreaterThan(0);
        return acknowledged.get();
    }

    /** {@link LedgerWriterMain} in a JVM of its own, on this test's ledger, with {@code args} after the password. */
    private Process startWriter(String... args) throws java.io.IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                LedgerWriterMain.class.getName(),
                this.dir.toString(),
                "ledger-password"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private void assertNothingLost(long acknowledged) {
        try (H2Ledger ledger = H2Ledger.open(this.dir, "ledger-password".toCharArray())) {
            List<Long> missing = new ArrayList<>();
            for (long serial = 1; serial <= acknowledged; serial++) {
                if (ledger.store().find(BigInteger.valueOf(serial)).isEmpty()) {
                    missing.add(serial);
                }
            }
            assertThat(missing)
                    .as("of %d acknowledged certificates, lost by kill -9", acknowledged)
                    .isEmpty();
        }
    }
}
