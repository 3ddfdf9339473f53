package com.phoenixidp.pki.store;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;

/** Records and checks shared by the ledger tests. */
final class LedgerFixtures {

    private LedgerFixtures() {}

    /** A server certificate record with serial {@code serial}, issued now, a few bytes of "DER". */
    static CertificateRecord record(long serial) {
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

    /** Serials 1 … {@code last} that the ledger cannot find, all of them while it answers with an error. */
    static List<Long> missing(H2Ledger ledger, long last) {
        return missing(ledger, LongStream.rangeClosed(1, last).boxed().toList());
    }

    /** The serials the ledger cannot find, all of them while it answers with an error. */
    static List<Long> missing(H2Ledger ledger, List<Long> serials) {
        try {
            return serials.stream()
                    .filter(serial ->
                            ledger.store().find(BigInteger.valueOf(serial)).isEmpty())
                    .toList();
        } catch (LedgerException closed) {
            return serials; // a connection of the closed database, discarded by the pool
        }
    }

    /**
     * Closes the database under the ledger without writing what H2 still holds in memory, as a
     * failed background write does; the pool's next connections reopen it from the file.
     */
    static void shutDownImmediately(H2Ledger ledger) throws SQLException {
        try (Connection connection = ledger.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN IMMEDIATELY");
        }
    }
}
