package com.phoenixidp.pki.cli;

import com.phoenixidp.pki.PkiException;
import com.phoenixidp.pki.issuance.CertificateProfile;
import com.phoenixidp.pki.issuance.IssuedCertificate;
import com.phoenixidp.pki.store.CertificateRecord;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Rendering and parsing helpers shared by the commands. */
final class Output {

    private Output() {}

    static void issued(PrintWriter out, IssuedCertificate issued, CertificateProfile profile, List<Path> written) {
        out.println("Issued " + profile + " certificate serial "
                + CertificateRecord.hex(issued.certificate().getSerialNumber())
                + " for " + issued.certificate().getSubjectX500Principal().getName()
                + ", valid until " + issued.certificate().getNotAfter().toInstant());
        out.println("  wrote " + written.stream().map(Path::toString).collect(Collectors.joining(", ")));
    }

    /** Parses a serial given as hex, with optional {@code 0x} prefix and {@code :} separators. */
    static BigInteger serial(String text) {
        String hex = text.trim().toLowerCase(Locale.ROOT).replace(":", "");
        if (hex.startsWith("0x")) {
            hex = hex.substring(2);
        }
        if (hex.isEmpty() || hex.length() > 40 || !hex.matches("[0-9a-f]+")) {
            throw new PkiException("invalid serial '" + text + "' (expected hexadecimal)");
        }
        return new BigInteger(hex, 16);
    }
}
