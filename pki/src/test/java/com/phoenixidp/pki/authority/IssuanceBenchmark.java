package com.phoenixidp.pki.authority;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import com.phoenixidp.pki.issuance.CertificateProfile;
import com.phoenixidp.pki.issuance.IssuanceRequest;
import com.phoenixidp.pki.keys.KeyType;
import com.phoenixidp.pki.keys.Providers;
import com.phoenixidp.pki.policy.SubjectAltName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Security;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * Throughput benchmark (not a test; surefire does not pick it up): EC P-256 leaves issued per
 * second in process, each including key generation, signing by the intermediate and the
 * durable ledger write (H2 file mode, AUTO_SERVER, as the CLI uses it). Like the auth-server, it
 * installs the native provider (Amazon Corretto Crypto Provider) when it loads and passes its
 * self-tests, so EC keys and ECDSA signatures are AWS-LC's; {@code -Dphoenix.native-crypto=false}
 * measures BouncyCastle instead.
 *
 * <pre>
 * mvn -B -q -pl pki test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=com.phoenixidp.pki.authority.IssuanceBenchmark [-Dexec.args="THREADS SECONDS [WARMUP]"]
 * </pre>
 *
 * <p>The warm-up defaults to 10 s: after 3 s the JIT was still compiling H2's large methods and a
 * 15 s run gave about half the steady rate.
 */
public final class IssuanceBenchmark {

    private IssuanceBenchmark() {}

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0
                ? Integer.parseInt(args[0])
                : Runtime.getRuntime().availableProcessors();
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        String provider = installNativeProvider();
        Path dir = Files.createTempDirectory("pki-bench");
        try (CertificateAuthority ca = CertificateAuthority.init(
                dir.resolve("ca"),
                "benchmark-passphrase".toCharArray(),
                CaOptions.defaults().withBaseUrl("https://idp.example.com"))) {
            IssuanceRequest request = IssuanceRequest.of(
                    "svc.example.internal",
                    CertificateProfile.PEER,
                    SubjectAltName.dns("svc.example.internal"),
                    SubjectAltName.uri("spiffe://phoenix.local/ns/bench/sa/svc"));
            run(ca, request, threads, warmup, "warm-up");
            double rate = run(ca, request, threads, seconds, "measured");
            int recorded = ca.list(null).size();
            System.out.printf(
                    "IssuanceBenchmark: %.0f certificates/s (EC P-256 leaf: keygen + sign + H2 ledger write; %d threads, %d s; "
                            + "%s); ledger rows: %d, ledger file: %.0f MB%n",
                    rate, threads, seconds, provider, recorded, Files.size(dir.resolve("ca/ledger.mv.db")) / 1e6);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Installs the native provider as the auth-server's NativeCrypto does; returns what EC P-256 runs on. */
    private static String installNativeProvider() {
        if (!"false".equalsIgnoreCase(System.getProperty("phoenix.native-crypto"))) {
            try {
                AmazonCorrettoCryptoProvider.install();
                AmazonCorrettoCryptoProvider.INSTANCE.assertHealthy();
            } catch (Throwable e) {
                Security.removeProvider(Providers.NATIVE);
                System.out.println("  native provider unavailable: " + e);
            }
        }
        return KeyType.EC.provider().getName();
    }

    /** CPU time of the whole JVM (all threads, GC and JIT included), so the figure is honest on a shared machine. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double run(CertificateAuthority ca, IssuanceRequest request, int threads, int seconds, String label)
            throws InterruptedException {
        LongAdder issued = new LongAdder();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread worker = new Thread(
                    () -> {
                        while (!stop.get()) {
                            ca.issue(request);
                            issued.increment();
                        }
                    },
                    "issuer-" + i);
            workers.add(worker);
        }
        long cpuStart = processCpuNanos();
        long start = System.nanoTime();
        workers.forEach(Thread::start);
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (Thread worker : workers) {
            worker.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        double cpu = (processCpuNanos() - cpuStart) / 1e9;
        double rate = issued.sum() / elapsed;
        System.out.printf(
                "  %s: %d certificates in %.2f s = %.0f/s wall; process CPU %.2f s = %.0f certificates per CPU-second"
                        + " (%.0f/s if this process had all %d cores)%n",
                label,
                issued.sum(),
                elapsed,
                rate,
                cpu,
                issued.sum() / cpu,
                issued.sum() / cpu * Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().availableProcessors());
        return rate;
    }
}
