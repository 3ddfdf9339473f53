package com.phoenixidp.pki.cli;

import com.phoenixidp.pki.authority.CaOptions;
import com.phoenixidp.pki.authority.CertificateAuthority;
import com.phoenixidp.pki.keys.KeyType;
import com.phoenixidp.pki.policy.NamePolicy;
import java.time.Duration;
import java.util.ArrayList;
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

/** {@code pki init}: creates the root and intermediate; refuses to overwrite an existing CA. */
@Command(
        name = "init",
        mixinStandardHelpOptions = true,
        description = "Create a root CA and an intermediate CA in DIR (writes DIR/root.crt and DIR/intermediate.crt). "
                + "Refuses to overwrite an existing CA.")
final class InitCommand implements Callable<Integer> {

    @ParentCommand
    PkiCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    CaDirOptions ca;

    @Option(
            names = "--name",
            paramLabel = "NAME",
            description = "CA name (default: ${DEFAULT-VALUE})",
            defaultValue = "Phoenix IdP")
    String name;

    @Option(
            names = "--base-url",
            paramLabel = "URL",
            description = "public base URL; leaves then carry CRL DP <URL>/pki/crl and OCSP AIA <URL>/pki/ocsp")
    @Nullable
    String baseUrl;

    @Option(
            names = "--key-type",
            paramLabel = "TYPE",
            defaultValue = "ec",
            description = "CA key type: ec (P-256), rsa (3072) or ed25519 (default: ${DEFAULT-VALUE})")
    String keyType;

    @Option(
            names = "--allow-dns-suffix",
            paramLabel = "DOMAIN",
            description = "allow this DNS name and its subdomains (repeatable)")
    List<String> dnsSuffixes = new ArrayList<>();

    @Option(
            names = "--allow-ip-range",
            paramLabel = "CIDR",
            description = "allow IP addresses in this range, e.g. 10.0.0.0/8 (repeatable)")
    List<String> ipRanges = new ArrayList<>();

    @Option(
            names = "--allow-uri-prefix",
            paramLabel = "PREFIX",
            description = "allow URIs under this prefix, e.g. spiffe://phoenix.local/ (repeatable)")
    List<String> uriPrefixes = new ArrayList<>();

    @Option(
            names = "--allow-email-domain",
            paramLabel = "DOMAIN",
            description = "allow e-mail addresses in this domain (repeatable)")
    List<String> emailDomains = new ArrayList<>();

    @Option(
            names = "--default-days",
            paramLabel = "N",
            defaultValue = "90",
            description = "default leaf validity in days (default: ${DEFAULT-VALUE})")
    int defaultDays;

    @Option(
            names = "--max-days",
            paramLabel = "N",
            defaultValue = "397",
            description = "longest leaf validity in days (default: ${DEFAULT-VALUE})")
    int maxDays;

    @Override
    public Integer call() {
        char[] passphrase = ca.passphrase(parent.environment());
        if (defaultDays <= 0 || maxDays < defaultDays) {
            throw new com.phoenixidp.pki.PkiException("--default-days must be positive and not above --max-days");
        }
        NamePolicy policy = NamePolicy.of(split(dnsSuffixes), split(ipRanges), split(uriPrefixes), split(emailDomains));
        CaOptions options = CaOptions.defaults()
                .withName(name)
                .withBaseUrl(baseUrl)
                .withKeyType(KeyType.parse(keyType))
                .withNamePolicy(policy)
                .withLeafValidity(Duration.ofDays(defaultDays), Duration.ofDays(maxDays));
        try (CertificateAuthority authority = CertificateAuthority.init(ca.dir, passphrase, options)) {
            var out = spec.commandLine().getOut();
            out.println("Created CA '" + name + "' in " + authority.directory());
            out.println("  root:         " + authority.directory().resolve("root.crt") + "  ("
                    + Fingerprints.sha256(authority.rootCertificate()) + ")");
            out.println("  intermediate: " + authority.directory().resolve("intermediate.crt"));
            if (!policy.allowsAll()) {
                out.println("  name policy:  " + policy);
            }
        } finally {
            Arrays.fill(passphrase, '\0');
        }
        return 0;
    }

    private static List<String> split(List<String> values) {
        return values.stream()
                .flatMap(v -> Arrays.stream(v.split(",")))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }
}
