package com.phoenixidp.pki.cli;

import com.phoenixidp.pki.authority.CertificateAuthority;
import com.phoenixidp.pki.revocation.RevocationReason;
import com.phoenixidp.pki.store.CertificateRecord;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code pki revoke}: marks a certificate revoked in the ledger (visible to OCSP at once). */
@Command(
        name = "revoke",
        mixinStandardHelpOptions = true,
        description = "Revoke a certificate this CA issued. Reasons: unspecified, keyCompromise, affiliationChanged, "
                + "superseded, cessationOfOperation, privilegeWithdrawn.")
final class RevokeCommand implements Callable<Integer> {

    @ParentCommand
    PkiCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    CaDirOptions ca;

    @Option(names = "--serial", required = true, paramLabel = "HEX", description = "serial number in hex")
    String serial;

    @Option(
            names = "--reason",
            paramLabel = "REASON",
            defaultValue = "unspecified",
            description = "RFC 5280 reason (default: ${DEFAULT-VALUE})")
    String reason;

    @Override
    public Integer call() {
        BigInteger number = Output.serial(serial);
        RevocationReason revocationReason = RevocationReason.parse(reason);
        char[] passphrase = ca.passphrase(parent.environment());
        try (CertificateAuthority authority = CertificateAuthority.open(ca.dir, passphrase)) {
            CertificateRecord record = authority.revoke(number, revocationReason);
            spec.commandLine()
                    .getOut()
                    .println("Revoked " + record.serialHex() + " (" + record.subject() + ") reason " + revocationReason
                            + " at " + record.revokedAt());
        } finally {
            Arrays.fill(passphrase, '\0');
        }
        return 0;
    }
}
