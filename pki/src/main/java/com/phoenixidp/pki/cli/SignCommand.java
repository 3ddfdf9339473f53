package com.phoenixidp.pki.cli;

import com.phoenixidp.pki.PkiException;
import com.phoenixidp.pki.authority.CertificateAuthority;
import com.phoenixidp.pki.export.Pem;
import com.phoenixidp.pki.issuance.CertificateProfile;
import com.phoenixidp.pki.issuance.IssuedCertificate;
import com.phoenixidp.pki.keys.SecureFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code pki sign}: signs a PKCS#10 CSR after checking its signature and names. */
@Command(
        name = "sign",
        mixinStandardHelpOptions = true,
        description = "Sign a PKCS#10 certificate request (PEM or DER). The request's signature and names are checked; "
                + "the CA's profile decides the extensions. Writes the leaf followed by the intermediate.")
final class SignCommand implements Callable<Integer> {

    @ParentCommand
    PkiCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    CaDirOptions ca;

    @Option(names = "--csr", required = true, paramLabel = "FILE", description = "certificate request file")
    Path csr;

    @Option(
            names = "--profile",
            paramLabel = "PROFILE",
            defaultValue = "server",
            description = "server, client or peer (default: ${DEFAULT-VALUE})")
    String profile;

    @Option(names = "--days", paramLabel = "N", description = "validity in days (default: the CA's, 90)")
    @Nullable
    Integer days;

    @Option(names = "--out", required = true, paramLabel = "FILE.crt", description = "output certificate chain (PEM)")
    Path out;

    @Override
    public Integer call() {
        byte[] request;
        try {
            request = Files.readAllBytes(csr);
        } catch (NoSuchFileException e) {
            throw new PkiException("cannot read CSR " + csr + ": no such file");
        } catch (IOException e) {
            throw new PkiException("cannot read CSR " + csr + ": " + e.getMessage());
        }
        CertificateProfile certificateProfile = CertificateProfile.parse(profile);
        SecureFiles.requireWritableLocation(out);
        char[] passphrase = ca.passphrase(parent.environment());
        try (CertificateAuthority authority = CertificateAuthority.open(ca.dir, passphrase)) {
            IssuedCertificate issued =
                    authority.sign(request, certificateProfile, days == null ? null : Duration.ofDays(days));
            SecureFiles.writeAtomically(out, Pem.bytes(Pem.certificates(issued.chain())));
            Output.issued(spec.commandLine().getOut(), issued, certificateProfile, List.of(out));
        } finally {
            Arrays.fill(passphrase, '\0');
        }
        return 0;
    }
}
