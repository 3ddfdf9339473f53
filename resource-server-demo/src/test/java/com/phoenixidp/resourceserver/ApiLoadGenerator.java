package com.phoenixidp.resourceserver;

import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Load generator (not a test; run by {@code bench/api-load.sh}): N virtual users each send GET requests
 * over their own keep-alive HTTP/1.1 mTLS connection with a certificate-bound token, for a fixed time
 * after a warm-up, and print requests/s and latency percentiles of authorized (2xx) answers.
 * <p>
 * Arguments: {@code url certPem keyPem caPem tokenFile [users=32] [seconds=20] [warmupSeconds=5] [serverPid]};
 * with a server PID (same machine) it also prints the server's CPU time per request, and how much of
 * it the JIT compiler threads used (a large share means the warm-up was too short for this machine).
 */
public final class ApiLoadGenerator {

    private ApiLoadGenerator() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println(
                    "usage: ApiLoadGenerator url cert.pem key.pem ca.pem token-file [users] [seconds] [warmup]");
            System.exit(2);
        }
        URI url = URI.create(args[0]);
        SSLContext tls = tls(Path.of(args[1]), Path.of(args[2]), Path.of(args[3]));
        String token = Files.readString(Path.of(args[4])).trim();
        int users = (args.length > 5) ? Integer.parseInt(args[5]) : 32;
        int seconds = (args.length > 6) ? Integer.parseInt(args[6]) : 20;
        int warmup = (args.length > 7) ? Integer.parseInt(args[7]) : 5;
        long serverPid = (args.length > 8) ? Long.parseLong(args[8]) : -1;

        long warmupEnd = System.nanoTime() + Duration.ofSeconds(warmup).toNanos();
        long end = warmupEnd + Duration.ofSeconds(seconds).toNanos();
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<long[]> latencies = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(users);
        for (int u = 0; u < users; u++) {
            long[] samples = new long[300_000];
            latencies.add(samples);
            int user = u;
            Thread worker = new Thread(
                    () -> {
                        // one client per virtual user = one keep-alive connection per user
                        HttpClient client = HttpClient.newBuilder()
                                .sslContext(tls)
                                .version(HttpClient.Version.HTTP_1_1)
                                .build();
                        HttpRequest request = HttpRequest.newBuilder(url)
                                .header("Authorization", "Bearer " + token)
                                .GET()
                                .build();
                        int n = 0;
                        try {
                            while (true) {
                                long start = System.nanoTime();
                                if (start > end) {
                                    break;
                                }
                                HttpResponse<byte[]> response =
                                        client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                                long finish = System.nanoTime();
                                if (start < warmupEnd) {
                                    continue;
                                }
                                if (response.statusCode() / 100 == 2) {
                                    ok.incrementAndGet();
                                    if (n < samples.length) {
                                        samples[n++] = finish - start;
                                    }
                                } else {
                                    failed.incrementAndGet();
                                }
                            }
                        } catch (Exception ex) {
                            System.err.println("vu-" + user + " stopped: " + ex);
                        } finally {
                            samples[samples.length - 1] = n;
                            done.countDown();
                        }
                    },
                    "vu-" + u);
            worker.setDaemon(true);
            worker.start();
        }
        long[] serverCpu = new long[2];
        long[] jitCpu = new long[2];
        if (serverPid > 0) {
            Thread.sleep(Math.max(0, (warmupEnd - System.nanoTime()) / 1_000_000));
            serverCpu[0] = cpuTicks(serverPid);
            jitCpu[0] = compilerTicks(serverPid);
        }
        done.await();
        if (serverPid > 0) {
            serverCpu[1] = cpuTicks(serverPid);
            jitCpu[1] = compilerTicks(serverPid);
        }
        long count = 0;
        for (long[] samples : latencies) {
            count += samples[samples.length - 1];
        }
        long[] all = new long[(int) count];
        int i = 0;
        for (long[] samples : latencies) {
            int n = (int) samples[samples.length - 1];
            System.arraycopy(samples, 0, all, i, n);
            i += n;
        }
        Arrays.sort(all);
        System.out.printf("url=%s users=%d duration=%ds warmup=%ds%n", url, users, seconds, warmup);
        System.out.printf("authorized (2xx): %d  other: %d%n", ok.get(), failed.get());
        System.out.printf("requests/s: %.0f%n", ok.get() / (double) seconds);
        if (all.length > 0) {
            System.out.printf(
                    "latency p50: %.2f ms  p99: %.2f ms  max: %.2f ms%n",
                    all[all.length / 2] / 1e6, all[(int) (all.length * 0.99)] / 1e6, all[all.length - 1] / 1e6);
        }
        if (serverPid > 0 && ok.get() > 0) {
            double cpuSeconds = (serverCpu[1] - serverCpu[0]) / 100.0;
            double perRequestMicros = cpuSeconds * 1e6 / ok.get();
            double jitMicros = (jitCpu[1] - jitCpu[0]) / 100.0 * 1e6 / ok.get();
            System.out.printf(
                    "server CPU: %.1f s for %d requests = %.0f us/request"
                            + " -> %.0f requests/s per fully available core%n",
                    cpuSeconds, ok.get(), perRequestMicros, 1e6 / perRequestMicros);
            System.out.printf(
                    "  of which the JIT compiler threads: %.0f us/request (%.0f %%)%s%n",
                    jitMicros,
                    100 * jitMicros / perRequestMicros,
                    (jitMicros > 0.05 * perRequestMicros)
                            ? "; still compiling: a longer WARMUP gives a steadier figure on this machine"
                            : "");
        }
    }

    /** utime + stime of a process in clock ticks (USER_HZ = 100 on Linux), from /proc/PID/stat. */
    private static long cpuTicks(long pid) throws java.io.IOException {
        return ticks(Files.readString(Path.of("/proc/" + pid + "/stat")));
    }

    /**
     * utime + stime of a HotSpot JVM's compiler threads ("C1 CompilerThread0", "C2 CompilerThread0"
     * ..., named "C1 CompilerThre" in /proc, where names stop at 15 characters) in clock ticks, from
     * /proc/PID/task/TID/stat. A compiler thread that ends between two readings takes its ticks with
     * it, so the difference can only under-count.
     */
    static long compilerTicks(long pid) throws java.io.IOException {
        long sum = 0;
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (java.io.IOException ended) {
                    continue;
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                    sum += ticks(stat);
                }
            }
        }
        return sum;
    }

    /** Fields 14 and 15 (utime, stime) of a /proc stat line, counted after the name's ')'. */
    private static long ticks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    static SSLContext tls(Path certPem, Path keyPem, Path caPem) throws Exception {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<X509Certificate> chain = new ArrayList<>();
        try (var in = Files.newInputStream(certPem)) {
            factory.generateCertificates(in).forEach((c) -> chain.add((X509Certificate) c));
        }
        X509Certificate ca;
        try (var in = Files.newInputStream(caPem)) {
            ca = (X509Certificate) factory.generateCertificate(in);
        }
        PrivateKey key;
        try (Reader reader = Files.newBufferedReader(keyPem);
                PEMParser parser = new PEMParser(reader)) {
            Object object = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            key = (object instanceof PEMKeyPair pair)
                    ? converter.getKeyPair(pair).getPrivate()
                    : converter.getPrivateKey((PrivateKeyInfo) object);
        }
        TestPki.Identity identity = new TestPki.Identity("load", chain.get(0), key, chain);
        return TestTls.context(identity, ca);
    }
}
