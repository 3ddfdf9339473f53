package com.phoenixidp.pki.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Child process of {@link H2LedgerDurabilityTest}: records certificates with serials 1, 2, 3 ...
 * in the ledger at {@code args[0]} and prints "recorded N" after each {@code record} returned,
 * until it is killed; or, given a count as {@code args[2]}, records that many and exits, closing
 * the ledger in a shutdown hook as the auth-server does, once H2's own hook has closed the database
 * (the order the auth-server's clean stop usually sees); it prints whether that happened first.
 */
public final class LedgerWriterMain {

    private LedgerWriterMain() {}

    public static void main(String[] args) throws Exception {
        H2Ledger ledger = H2Ledger.open(Path.of(args[0]), args[1].toCharArray());
        long stopAfter = (args.length > 2) ? Long.parseLong(args[2]) : Long.MAX_VALUE;
        if (args.length > 2) {
            // a connection of the ledger's pool: its session ends when H2's shutdown hook closes the database
            Connection probe = ledger.dataSource().getConnection();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                System.out.println("closed by H2 first: " + awaitClosed(probe));
                System.out.flush();
                ledger.close();
            }));
        }
        for (long serial = 1; serial <= stopAfter; serial++) {
            ledger.store().record(LedgerFixtures.record(serial));
            System.out.println("recorded " + serial);
            System.out.flush();
        }
        System.exit(0);
    }

    /** Waits up to 10 s for the connection's session to be closed (isClosed() does not throw, so H2 traces nothing). */
    private static boolean awaitClosed(Connection connection) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        try {
            while (!connection.isClosed()) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                Thread.sleep(10);
            }
            return true;
        } catch (SQLException | InterruptedException e) {
            return false;
        }
    }
}
