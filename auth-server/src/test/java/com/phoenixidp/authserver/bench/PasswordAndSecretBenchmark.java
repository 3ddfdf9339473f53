package com.phoenixidp.authserver.bench;

import com.phoenixidp.crypto.password.BcryptPasswordHasher;
import com.phoenixidp.crypto.secret.ClientSecretHasher;
import java.security.SecureRandom;
import java.time.Duration;
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
 * Checking a user password (bcrypt with SHA-256 pre-hash at the cost calibrated on this host, as
 * {@code phoenix.password.bcrypt-cost=0} picks it: the password-hashing bulkhead's capacity is
 * {@code hash-threads} divided by this time) and a client secret (keyed HMAC-SHA-256, on every
 * confidential client's token request). Average time per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PasswordAndSecretBenchmark {

    /** bcrypt cost; 0 calibrates to the smallest cost (>= 10) taking >= 100 ms here, like the server. */
    @Param({"0"})
    public int bcryptCost;

    private BcryptPasswordHasher bcrypt;

    private String storedPassword;

    private ClientSecretHasher secrets;

    private String clientSecret;

    private String storedSecret;

    @Setup(Level.Trial)
    public void setUp() {
        SecureRandom random = new SecureRandom();
        int cost = (this.bcryptCost > 0) ? this.bcryptCost : BcryptPasswordHasher.calibrateCost(Duration.ofMillis(100));
        this.bcrypt = new BcryptPasswordHasher(cost, random);
        this.storedPassword = this.bcrypt.hash("correct horse battery staple");
        byte[] key = new byte[ClientSecretHasher.MIN_KEY_BYTES];
        random.nextBytes(key);
        this.secrets = new ClientSecretHasher(key);
        this.clientSecret = ClientSecretHasher.generateSecret(random);
        this.storedSecret = this.secrets.hash(this.clientSecret);
        System.out.println("# bcrypt cost " + cost);
    }

    @Benchmark
    public boolean passwordCheck() {
        return this.bcrypt.matches("correct horse battery staple", this.storedPassword);
    }

    @Benchmark
    public boolean clientSecretCheck() {
        return this.secrets.matches(this.clientSecret, this.storedSecret);
    }
}
