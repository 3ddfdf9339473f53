package com.phoenixidp.authserver.bench;

import com.phoenixidp.authserver.token.TokenHashes;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The storage hash of a token ({@link TokenHashes}: SHA-256, base64url), computed for every token
 * stored and every token looked up (introspection, revocation, refresh). Average time per hash.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TokenHashBenchmark {

    /** Length of the token: an opaque refresh token, a JWT access token. */
    @Param({"128", "900"})
    public int tokenLength;

    private String token;

    @Setup(Level.Trial)
    public void setUp() {
        SecureRandom random = new SecureRandom();
        StringBuilder text = new StringBuilder();
        while (text.length() < this.tokenLength) {
            text.append(Long.toString(random.nextLong() & Long.MAX_VALUE, 36));
        }
        this.token = text.substring(0, this.tokenLength);
    }

    @Benchmark
    public String tokenHash() {
        return TokenHashes.hash(this.token);
    }
}
