package com.phoenixidp.pki.cli;

import com.phoenixidp.pki.authority.CertificateAuthority;
import com.phoenixidp.pki.export.Pem;
import com.phoenixidp.pki.export.Pkcs12;
import com.phoenixidp.pki.issuance.CertificateProfile;
import com.phoenixidp.pki.issuance.IssuanceRequest;
import com.phoenixidp.pki.issuance.IssuedCertificate;
import com.phoenixidp.pki.keys.KeyType;
import com.phoenixidp.pki.keys.SecureFiles;
import com.phoenixidp.pki.policy.SubjectAltName;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code pki issue}: generates a key and issues a leaf for it. */
@Command(
        name = "issue",
        mixinStandardHelpOptions = true,
        description = "Generate a key pair and issue a leaf certificate. Writes PREFIX.crt (leaf + intermediate), "
                + "PREFIX.key (PKCS#8 PEM, 0600) and, with --p12-password-file, PREFIX.p12 (keystore) and "
                + "PREFIX-truststore.p12 (root).")
final class IssueCommand implements Callable<Integer> {

    @ParentCommand
    PkiCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    CaDirOptions ca;

    @Option(names = "--cn", required = true, paramLabel = "NAME", description = "subject common name")
    String commonName;

    @Option(
            names = "--san",
            paramLabel = "TYPE:VALUE",
            description =
                    "subject alternative name: dns:NAME, ip:ADDR, uri:URI (e.g. spiffe://...), email:ADDR (repeatable)")
    List<String> sans = new ArrayList<>();

    @Option(
            names = "--profile",
            paramLabel = "PROFILE",
            defaultValue = "server",
            description = "server, client or peer (default: ${DEFAULT-VALUE})")
    String profile;

    @Option(
            names = "--days",
            paramLabel = "N",
            description = "validity in days (default: the CA's, 90; capped by policy and the intermediate's expiry)")
    @Nullable
    Integer days;

    @Option(
            names = "--key-type",
            paramLabel = "TYPE",
            defaultValue = "ec",
            description = "ec (P-256), rsa (3072) or ed25519 (default: ${DEFAULT-VALUE})")
    String keyType;

    @Option(names = "--out", required = true, paramLabel = "PREFIX", description = "output path prefix")
    String out;

    @Option(
            names = "--p12-password-file",
            paramLabel = "FILE",
            description = "also write PKCS#12 files protected by the password in FILE")
    @Nullable
    Path p12PasswordFile;

    @Override
    public Integer call() {
        List<SubjectAltName> names = sans.stream().map(SubjectAltName::parse).toList();
        CertificateProfile certificateProfile = CertificateProfile.parse(profile);
        KeyType type = KeyType.parse(keyType);
        IssuanceRequest request =
                new IssuanceRequest(commonName, names, certificateProfile, days == null ? null : Duration.ofDays(days));
        Path crt = Path.of(out + ".crt");
        Path key = Path.of(out + ".key");
        SecureFiles.requireWritableLocation(crt);
        SecureFiles.requireWritableLocation(key);
        char[] p12Password = p12PasswordFile == null
                ? null
                : CaDirOptions.readPasswordFile(p12PasswordFile, "PKCS#12 password file");
        char[] passphrase = ca.passphrase(parent.environment());
        try (CertificateAuthority authority = CertificateAuthority.open(ca.dir, passphrase)) {
            IssuedCertificate issued = authority.issue(request, type);
            KeyPair keyPair = Objects.requireNonNull(issued.keyPair(), "issue() generates the key pair");
            SecureFiles.writeAtomically(crt, Pem.bytes(Pem.certificates(issued.chain())));
            SecureFiles.writeAtomically(key, Pem.bytes(Pem.privateKey(keyPair.getPrivate())));
            List<Path> written = new ArrayList<>(List.of(crt, key));
            if (p12Password != null) {
                Path p12 = Path.of(out + ".p12");
                Path trust = Path.of(out + "-truststore.p12");
                SecureFiles.writeAtomically(p12, Pkcs12.keyStore(keyPair.getPrivate(), issued.chain(), p12Password));
                SecureFiles.writeAtomically(trust, Pkcs12.trustStore(authority.rootCertificate(), p12Password));
                written.add(p12);
                written.add(trust);
                Arrays.fill(p12Password, '\0');
            }
            Output.issued(spec.commandLine().getOut(), issued, certificateProfile, written);
        } finally {
            Arrays.fill(passphrase, '\0');
        }
        return 0;
    }
}
