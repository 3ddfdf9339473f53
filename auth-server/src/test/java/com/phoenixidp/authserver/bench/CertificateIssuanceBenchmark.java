package com.phoenixidp.authserver.bench;

import com.phoenixidp.pki.authority.CaOptions;
import com.phoenixidp.pki.authority.CertificateAuthority;
import com.phoenixidp.pki.issuance.CertificateProfile;
import com.phoenixidp.pki.issuance.IssuanceRequest;
import com.phoenixidp.pki.policy.SubjectAltName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Certificate issuance by the built-in CA (pki): an EC P-256 service certificate with DNS and
 * SPIFFE SANs, key generation, signing by the intermediate and the durable ledger write
 * included (H2 file mode, as the CA uses it). The single-threaded cost per certificate; the
 * pki module's {@code IssuanceBenchmark} measures throughput over threads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CertificateIssuanceBenchmark {

    private Path dir;

    private CertificateAuthority ca;

    private IssuanceRequest request;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        this.dir = Files.createTempDirectory("phoenix-jmh-ca");
        this.ca = CertificateAuthority.init(
                this.dir.resolve("ca"),
                "benchmark-passphrase".toCharArray(),
                CaOptions.defaults().withBaseUrl("https://idp.example.com"));
        this.request = IssuanceRequest.of(
                "svc.example.internal",
                CertificateProfile.PEER,
                SubjectAltName.dns("svc.example.internal"),
                SubjectAltName.uri("spiffe://phoenix.local/ns/bench/sa/svc"));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        this.ca.close();
        try (Stream<Path> files = Files.walk(this.dir)) {
            files.sorted(Comparator.reverseOrder()).forEach((p) -> p.toFile().delete());
        }
    }

    @Benchmark
    public Object issue() {
        return this.ca.issue(this.request);
    }
}
