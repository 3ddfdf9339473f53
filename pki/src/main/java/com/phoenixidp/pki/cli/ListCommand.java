package com.phoenixidp.pki.cli;

import com.phoenixidp.pki.authority.CaDirectory;
import com.phoenixidp.pki.store.CertificateRecord;
import com.phoenixidp.pki.store.CertificateStatus;
import com.phoenixidp.pki.store.H2Ledger;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pki list}: prints the ledger (no CA passphrase needed). */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        description = "List issued certificates: serial, status, profile, not-after, subject, SANs (tab-separated).")
final class ListCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "CA directory")
    java.nio.file.Path dir;

    @Option(names = "--status", paramLabel = "STATUS", description = "only valid, revoked or expired")
    @Nullable
    String status;

    @Override
    public Integer call() {
        CertificateStatus filter = status == null ? null : CertificateStatus.parse(status);
        Instant now = Instant.now();
        try (H2Ledger ledger = new CaDirectory(dir).openLedger()) {
            List<CertificateRecord> records = ledger.store().list(filter, now);
            PrintWriter out = spec.commandLine().getOut();
            out.println("SERIAL\tSTATUS\tPROFILE\tNOT_AFTER\tSUBJECT\tSANS");
            for (CertificateRecord r : records) {
                out.println(r.serialHex() + "\t" + r.status(now) + "\t" + r.profile() + "\t" + r.notAfter() + "\t"
                        + r.subject() + "\t" + String.join(",", r.subjectAltNames()));
            }
        }
        return 0;
    }
}
