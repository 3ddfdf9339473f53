package com.phoenixidp.pki.store;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * What a {@link JdbcCertificateStore} does after a commit, before the caller returns, so that the
 * change survives the process being killed. Nothing where the database's commit is durable by
 * itself (PostgreSQL); for the H2 ledger, which writes commits in the background, see
 * {@link H2Ledger}.
 */
interface LedgerDurability {

    /** The database's commit is enough. */
    LedgerDurability COMMIT = new LedgerDurability() {
        @Override
        public void recorded(List<CertificateRecord> records, Connection connection) {}

        @Override
        public void changed(Connection connection) {}

        @Override
        public boolean restoreLost() {
            return false;
        }
    };

    /** After new records were committed on {@code connection} (the store's writer lock is held). */
    void recorded(List<CertificateRecord> records, Connection connection) throws SQLException, IOException;

    /** After any other change was committed on {@code connection} (a revocation, a CRL number). */
    void changed(Connection connection) throws SQLException;

    /**
     * When a lookup found nothing: puts back the acknowledged records the database lost, if it
     * lost any (H2 reopened it without its unwritten commits). Returns whether it put anything
     * back, so that the lookup is worth repeating. Never throws.
     */
    boolean restoreLost();
}
