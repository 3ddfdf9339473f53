package com.phoenixidp.authserver.bench;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.phoenixidp.authserver.config.NativeCrypto;
import com.phoenixidp.crypto.jws.JwsVerifier;
import com.phoenixidp.crypto.keys.KeyEncryptor;
import com.phoenixidp.crypto.keys.KeyStatus;
import com.phoenixidp.crypto.keys.MasterKey;
import com.phoenixidp.crypto.keys.SigningAlgorithm;
import com.phoenixidp.crypto.keys.SigningKeyManager;
import com.phoenixidp.crypto.keys.SigningKeyRepository;
import com.phoenixidp.crypto.keys.StoredSigningKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
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
 * JWT signing and verification per algorithm (RFC 7518 RS256 and ES256) with the crypto module's
 * signers, as the token endpoint signs an access token: the same key manager, the same claims
 * shape. Native crypto (AWS-LC) is installed when it loads, as the server does; compare with
 * {@code -jvmArgs -Dphoenix.native-crypto=false}. Run with the README's JMH command.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SigningBenchmark {

    @Param({"RS256", "ES256"})
    public String algorithm;

    private com.phoenixidp.crypto.keys.TokenSigner signer;

    private JWTClaimsSet claims;

    private JWKSet keys;

    private JwsVerifier verifier;

    private String signed;

    @Setup(Level.Trial)
    public void setUp() {
        NativeCrypto.installIfAvailable();
        byte[] master = new byte[MasterKey.LENGTH];
        new SecureRandom().nextBytes(master);
        SecureRandom random = new SecureRandom();
        SigningKeyManager manager = new SigningKeyManager(
                new MemoryKeys(),
                new KeyEncryptor(MasterKey.fromBase64(Base64.getEncoder().encodeToString(master)), random),
                Clock.systemUTC(),
                Duration.ofHours(24),
                random);
        manager.initialize();
        SigningAlgorithm alg = SigningAlgorithm.valueOf(this.algorithm);
        this.signer = manager.signer(alg);
        this.keys = manager.publicJwkSet();
        this.verifier = new JwsVerifier(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256));
        Instant now = Instant.now();
        this.claims = new JWTClaimsSet.Builder()
                .issuer("https://id.example.com")
                .subject("demo-service")
                .audience("demo-service")
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .jwtID("b1f7a3c2-9d7e-4c1e-8f3b-2a6d5e4c3b2a")
                .claim("scope", "api.read api.write")
                .claim("client_id", "demo-service")
                .build();
        this.signed = sign();
        System.out.println("# " + this.algorithm + " with " + NativeCrypto.status());
    }

    @Benchmark
    public String sign() {
        return this.signer.sign(
                new JWSHeader.Builder(this.signer.algorithm().jwsAlgorithm()).type(new JOSEObjectType("at+jwt")),
                this.claims);
    }

    @Benchmark
    public JWTClaimsSet verify() {
        return this.verifier.verify(this.signed, this.keys);
    }

    /** The key store in memory: the benchmark measures signing, not JDBC. */
    static final class MemoryKeys implements SigningKeyRepository {

        private final List<StoredSigningKey> keys = new ArrayList<>();

        @Override
        public synchronized List<StoredSigningKey> findAll() {
            return List.copyOf(this.keys);
        }

        @Override
        public synchronized void insert(StoredSigningKey key) {
            this.keys.add(key);
        }

        @Override
        public synchronized void updateStatus(String kid, KeyStatus status, Instant activatedAt, Instant retiredAt) {
            throw new UnsupportedOperationException("no rotation in the benchmark");
        }

        @Override
        public synchronized void delete(String kid) {
            this.keys.removeIf((k) -> k.kid().equals(kid));
        }
    }
}
