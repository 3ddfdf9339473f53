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
    };

    /** After new records were committed on {@code connection} (the store's writer lock is held). */
    void recorded(List<CertificateRecord> records, Connection connection) throws SQLException, IOException;

    /** After any other change was committed on {@code connection} (a revocation, a CRL number). */
    void changed(Connection connection) throws SQLException;
}
