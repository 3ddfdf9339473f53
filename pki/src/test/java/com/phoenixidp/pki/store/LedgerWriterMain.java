package com.phoenixidp.pki.store;

import java.nio.file.Path;

/**
 * Child process of {@link H2LedgerDurabilityTest}: records certificates with serials 1, 2, 3 ...
 * in the ledger at {@code args[0]} and prints "recorded N" after each {@code record} returned,
 * until it is killed; or, given a count as {@code args[2]}, records that many and exits, closing
 * the ledger in a shutdown hook as the auth-server does (late: after H2's own hook has closed the
 * database, the order the auth-server's clean stop usually sees).
 */
public final class LedgerWriterMain {

    private LedgerWriterMain() {}

    public static void main(String[] args) throws Exception {
        H2Ledger ledger = H2Ledger.open(Path.of(args[0]), args[1].toCharArray());
        long stopAfter = (args.length > 2) ? Long.parseLong(args[2]) : Long.MAX_VALUE;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ledger.close();
        }));
        for (long serial = 1; serial <= stopAfter; serial++) {
            ledger.store().record(LedgerFixtures.record(serial));
            System.out.println("recorded " + serial);
            System.out.flush();
        }
        System.exit(0);
    }
}
