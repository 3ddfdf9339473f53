package com.phoenixidp.pki.cli;

import com.phoenixidp.pki.authority.CertificateAuthority;
import com.phoenixidp.pki.export.Pem;
import com.phoenixidp.pki.keys.SecureFiles;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code pki crl}: writes a freshly signed CRL of the intermediate. */
@Command(
        name = "crl",
        mixinStandardHelpOptions = true,
        description = "Write a new CRL (PEM) signed by the intermediate, listing revoked unexpired certificates.")
final class CrlCommand implements Callable<Integer> {

    @ParentCommand
    PkiCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    CaDirOptions ca;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "output CRL file (PEM)")
    Path out;

    @Override
    public Integer call() {
        SecureFiles.requireWritableLocation(out);
        char[] passphrase = ca.passphrase(parent.environment());
        try (CertificateAuthority authority = CertificateAuthority.open(ca.dir, passphrase)) {
            X509CRL crl = authority.currentCrl();
            SecureFiles.writeAtomically(out, Pem.bytes(Pem.crl(crl)));
            int entries = crl.getRevokedCertificates() == null
                    ? 0
                    : crl.getRevokedCertificates().size();
            spec.commandLine()
                    .getOut()
                    .println("Wrote CRL to " + out + " (" + entries + " revoked, next update "
                            + crl.getNextUpdate().toInstant() + ")");
        } finally {
            Arrays.fill(passphrase, '\0');
        }
        return 0;
    }
}
