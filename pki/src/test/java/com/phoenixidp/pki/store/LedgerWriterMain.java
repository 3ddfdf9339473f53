package com.phoenixidp.pki.store;

import java.nio.file.Path;

/**
 * Child process of {@link H2LedgerDurabilityTest}: records certificates with serials 1, 2, 3 ...
 * in the ledger at {@code args[0]} and prints "recorded N" after each {@code record} returned,
 * until it is killed.
 */
public final class LedgerWriterMain {

    private LedgerWriterMain() {}

    public static void main(String[] args) throws Exception {
        H2Ledger ledger = H2Ledger.open(Path.of(args[0]), args[1].toCharArray());
        for (long serial = 1; ; serial++) {
            ledger.store().record(LedgerFixtures.record(serial));
            System.out.println("recorded " + serial);
            System.out.flush();
        }
    }
}
