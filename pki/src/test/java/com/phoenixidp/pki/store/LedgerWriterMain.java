package com.phoenixidp.pki.store;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Child process of {@link H2LedgerDurabilityTest}: records certificates with serials 1, 2, 3 ...
 * in the ledger at {@code args[0]} and prints "recorded N" after each {@code record} returned,
 * until it is killed.
 */
public final class LedgerWriterMain {

    private LedgerWriterMain() {}

    public static void main(String[] args) throws Exception {
        H2Ledger ledger = H2Ledger.open(Path.of(args[0]), args[1].toCharArray());
        Instant now = Instant.now();
        for (long serial = 1; ; serial++) {
            ledger.store()
                    .record(new CertificateRecord(
                            BigInteger.valueOf(serial),
                            "CN=svc" + serial,
                            List.of("dns:svc" + serial + ".example.internal"),
                            "server",
                            now,
                            now.plus(Duration.ofDays(30)),
                            now,
                            null,
                            null,
                            new byte[] {1, 2, 3}));
            System.out.println("recorded " + serial);
            System.out.flush();
        }
    }
}
