package com.phoenixidp.crypto.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.phoenixidp.crypto.jws.JwsVerifier;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SigningKeyManagerTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration RETENTION = Duration.ofHours(1);
    private static final JwsVerifier VERIFIER =
            new JwsVerifier(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256, JWSAlgorithm.EdDSA));

    private final MasterKey masterKey = MasterKey.fromBase64(MasterKeyTest.KEY_B64);
    private final SigningKeyRepository repo = new JdbcSigningKeyRepository(TestDatabases.withSigningKeySchema());
    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T10:00:00.123456789Z"));

    private SigningKeyManager manager(MasterKey key) {
        return new SigningKeyManager(repo, new KeyEncryptor(key, RANDOM), clock, RETENTION, RANDOM);
    }

    private SigningKeyManager initialized() {
        SigningKeyManager manager = manager(masterKey);
        manager.initialize();
        return manager;
    }

    private static String token(SigningKeyManager manager, SigningAlgorithm alg, String subject) {
        return manager.signer(alg)
                .sign(
                        new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT),
                        new JWTClaimsSet.Builder()
                                .subject(subject)
                                .issuer("https://idp.example")
                                .build());
    }

    private List<String> kids(KeyStatus status, SigningAlgorithm alg) {
        return repo.findAll().stream()
                .filter(k -> k.status() == status && k.algorithm() == alg)
                .map(StoredSigningKey::kid)
                .toList();
    }

    @Test
    void initializeWhenEmptyThenCreatesActiveAndNextForEveryAlgorithm() {
        SigningKeyManager manager = initialized();

        for (SigningAlgorithm alg : SigningAlgorithm.values()) {
            assertThat(kids(KeyStatus.ACTIVE, alg)).hasSize(1);
            assertThat(kids(KeyStatus.NEXT, alg)).hasSize(1);
        }
        assertThat(manager.describe())
                .hasSize(6)
                .allSatisfy(k -> assertThat(k.encryptedPrivateKey()).isEmpty());
        assertThat(manager.publicJwkSet().getKeys()).hasSize(6).allSatisfy(jwk -> {
            assertThat(jwk.isPrivate()).isFalse();
            assertThat(jwk.getKeyUse()).isEqualTo(KeyUse.SIGNATURE);
            assertThat(jwk.getAlgorithm()).isNotNull();
            assertThat(jwk.getKeyID()).isNotBlank();
        });
    }

    @Test
    void signerWhenInitializedThenTokensVerifyAgainstPublishedJwkSet() throws Exception {
        SigningKeyManager manager = initialized();

        for (SigningAlgorithm alg : SigningAlgorithm.values()) {
            TokenSigner signer = manager.signer(alg);
            String jws = token(manager, alg, "alice-" + alg);

            JWSHeader header = SignedJWT.parse(jws).getHeader();
            assertThat(header.getAlgorithm()).isEqualTo(alg.jwsAlgorithm());
            assertThat(header.getKeyID())
                    .isEqualTo(signer.kid())
                    .isEqualTo(kids(KeyStatus.ACTIVE, alg).get(0));
            assertThat(header.getType()).isEqualTo(JOSEObjectType.JWT);
            assertThat(VERIFIER.verify(jws, manager.publicJwkSet()).getSubject())
                    .isEqualTo("alice-" + alg);
        }
    }

    @Test
    void initializeWhenRestartedThenSameKidsAndOldTokensVerify() {
        SigningKeyManager first = initialized();
        String rs = token(first, SigningAlgorithm.RS256, "bob");
        String es = token(first, SigningAlgorithm.ES256, "bob");
        List<String> kidsBefore =
                first.describe().stream().map(StoredSigningKey::kid).toList();

        SigningKeyManager restarted = initialized();

        assertThat(restarted.describe())
                .extracting(StoredSigningKey::kid)
                .containsExactlyInAnyOrderElementsOf(kidsBefore);
        assertThat(VERIFIER.verify(rs, restarted.publicJwkSet()).getSubject()).isEqualTo("bob");
        assertThat(VERIFIER.verify(es, restarted.publicJwkSet()).getSubject()).isEqualTo("bob");
        assertThat(restarted.signer(SigningAlgorithm.RS256).kid())
                .isEqualTo(first.signer(SigningAlgorithm.RS256).kid());
    }

    @Test
    void rotateWhenCalledThenPreviousNextSignsAndOldKeyStaysPublished() {
        SigningKeyManager manager = initialized();
        for (SigningAlgorithm alg : SigningAlgorithm.values()) {
            String oldActive = manager.signer(alg).kid();
            String oldNext = kids(KeyStatus.NEXT, alg).get(0);
            String oldToken = token(manager, alg, "carol");
            clock.advance(Duration.ofMinutes(5));

            manager.rotate();

            assertThat(manager.signer(alg).kid()).isEqualTo(oldNext);
            assertThat(kids(KeyStatus.RETIRED, alg)).contains(oldActive);
            assertThat(kids(KeyStatus.NEXT, alg)).hasSize(1).doesNotContain(oldNext, oldActive);
            assertThat(manager.publicJwkSet().getKeyByKeyId(oldActive)).isNotNull();
            assertThat(manager.publicJwkSet()
                            .getKeyByKeyId(kids(KeyStatus.NEXT, alg).get(0)))
                    .isNotNull();
            assertThat(VERIFIER.verify(oldToken, manager.publicJwkSet()).getSubject())
                    .isEqualTo("carol");
            assertThat(VERIFIER.verify(token(manager, alg, "dave"), manager.publicJwkSet())
                            .getSubject())
                    .isEqualTo("dave");
        }
        StoredSigningKey retired = repo.findAll().stream()
                .filter(k -> k.status() == KeyStatus.RETIRED)
                .findFirst()
                .orElseThrow();
        assertThat(retired.retiredAt()).isNotNull();
    }

    @Test
    void rotateWhenRetentionPassedThenRetiredKeyPruned() {
        SigningKeyManager manager = initialized();
        String firstActive = manager.signer(SigningAlgorithm.ES256).kid();
        manager.rotate();
        clock.advance(RETENTION.minusSeconds(1));
        assertThat(manager.publicJwkSet().getKeyByKeyId(firstActive)).isNotNull();

        clock.advance(Duration.ofSeconds(2));
        assertThat(manager.publicJwkSet().getKeyByKeyId(firstActive)).isNull();
        manager.rotate();

        assertThat(repo.findAll()).extracting(StoredSigningKey::kid).doesNotContain(firstActive);
        assertThat(kids(KeyStatus.RETIRED, SigningAlgorithm.ES256)).hasSize(1);
    }

    @Test
    void initializeWhenRetentionPassedThenRetiredKeyPruned() {
        SigningKeyManager manager = initialized();
        String firstActive = manager.signer(SigningAlgorithm.RS256).kid();
        manager.rotate();
        clock.advance(RETENTION.plusSeconds(1));

        SigningKeyManager restarted = initialized();

        assertThat(repo.findAll()).extracting(StoredSigningKey::kid).doesNotContain(firstActive);
        assertThat(restarted.describe()).extracting(StoredSigningKey::kid).doesNotContain(firstActive);
        assertThat(restarted.describe()).hasSize(6);
    }

    @Test
    void initializeWhenWrongMasterKeyThenKeyDecryptionExceptionAndRowsUnchanged() {
        initialized().rotate();
        List<StoredSigningKey> before = repo.findAll();
        MasterKey wrong = MasterKey.fromBase64(Base64.getEncoder().encodeToString(new byte[32]));

        assertThatThrownBy(() -> manager(wrong).initialize())
                .isInstanceOf(KeyDecryptionException.class)
                .hasMessageContaining(before.get(0).kid())
                .hasMessageContaining("PHOENIX_MASTER_KEY");
        assertThatThrownBy(() -> manager(wrong).rotate()).isInstanceOf(KeyDecryptionException.class);

        assertThat(repo.findAll()).containsExactlyElementsOf(before);
    }

    @Test
    void reloadWhenAnotherNodeRotatedThenSignsWithNewActiveKey() {
        SigningKeyManager nodeA = initialized();
        SigningKeyManager nodeB = initialized();
        nodeB.rotate();
        String newActive = nodeB.signer(SigningAlgorithm.RS256).kid();
        assertThat(nodeA.signer(SigningAlgorithm.RS256).kid()).isNotEqualTo(newActive);

        nodeA.reload();

        assertThat(nodeA.signer(SigningAlgorithm.RS256).kid()).isEqualTo(newActive);
    }

    @Test
    void initializeWhenSeveralNodesStartAtOnceOnEmptyStoreThenOneKeySet() throws Exception {
        List<SigningKeyManager> nodes = concurrently(4, (i) -> initialized());

        for (SigningAlgorithm alg : SigningAlgorithm.values()) {
            assertThat(kids(KeyStatus.ACTIVE, alg)).hasSize(1);
            assertThat(kids(KeyStatus.NEXT, alg)).hasSize(1);
            assertThat(nodes)
                    .extracting(node -> node.signer(alg).kid())
                    .containsOnly(kids(KeyStatus.ACTIVE, alg).get(0));
        }
        assertThat(repo.findAll()).hasSize(2 * SigningAlgorithm.values().length);
    }

    @Test
    void rotateWhenTwoNodesRotateAtOnceThenStillOneActiveAndOneNextPerAlgorithm() throws Exception {
        List<SigningKeyManager> nodes = List.of(initialized(), initialized());

        concurrently(2, (i) -> {
            nodes.get(i).rotate();
            return null;
        });

        for (SigningAlgorithm alg : SigningAlgorithm.values()) {
            assertThat(kids(KeyStatus.ACTIVE, alg)).hasSize(1);
            assertThat(kids(KeyStatus.NEXT, alg)).hasSize(1);
            assertThat(kids(KeyStatus.RETIRED, alg)).hasSize(2);
        }
    }

    @Test
    void reloadWhenNothingChangedThenFalseAndWhenAnotherNodeRotatedThenTrue() {
        SigningKeyManager nodeA = initialized();
        SigningKeyManager nodeB = initialized();

        assertThat(nodeA.reload()).isFalse();
        nodeB.rotate();

        assertThat(nodeA.reload()).isTrue();
        assertThat(nodeA.reload()).isFalse();
        assertThat(nodeA.publicJwkSet().toString(false))
                .isEqualTo(nodeB.publicJwkSet().toString(false));
    }

    /** Runs {@code task(0..n-1)} on n threads released at the same moment; returns the results in order. */
    private static <T> List<T> concurrently(int n, java.util.function.IntFunction<T> task) throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(n);
        try {
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(n);
            List<java.util.concurrent.Future<T>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.apply(index);
                }));
            }
            List<T> results = new java.util.ArrayList<>();
            for (java.util.concurrent.Future<T> future : futures) {
                results.add(future.get(2, java.util.concurrent.TimeUnit.MINUTES));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void signerWhenNotInitializedThenFailsClearly() {
        assertThatThrownBy(() -> manager(masterKey).signer(SigningAlgorithm.RS256))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("initialize");
    }

    @Test
    void publicJwkSetWhenEdDsaThenOkpKeysOnEd25519AndTokensVerify() throws Exception {
        SigningKeyManager manager = initialized();

        assertThat(manager.publicJwkSet().getKeys())
                .filteredOn(jwk -> JWSAlgorithm.EdDSA.equals(jwk.getAlgorithm()))
                .hasSize(2)
                .allSatisfy(jwk -> {
                    assertThat(jwk).isInstanceOf(OctetKeyPair.class);
                    assertThat(((OctetKeyPair) jwk).getCurve()).isEqualTo(Curve.Ed25519);
                    assertThat(jwk.isPrivate()).isFalse();
                    assertThat(jwk.getKeyID()).isEqualTo(jwk.computeThumbprint().toString());
                });
        String jws = token(manager, SigningAlgorithm.EdDSA, "erin");
        assertThat(SignedJWT.parse(jws).getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.EdDSA);
        assertThat(VERIFIER.verify(jws, manager.publicJwkSet()).getSubject()).isEqualTo("erin");
    }

    @Test
    void publicJwkSetWhenSerializedThenContainsNoPrivateParameters() {
        String json = initialized().publicJwkSet().toString(false);

        assertThat(json).doesNotContain("\"d\"").doesNotContain("\"p\"").doesNotContain("\"q\"");
    }

    @Test
    void initializeWhenStoredPublicJwkDoesNotMatchPrivateKeyThenFailsBeforeWriting() throws Exception {
        initialized();
        StoredSigningKey next = repo.findAll().stream()
                .filter(k -> k.status() == KeyStatus.NEXT && k.algorithm() == SigningAlgorithm.RS256)
                .findFirst()
                .orElseThrow();
        String foreignJwk = new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048)
                .keyID(next.kid())
                .generate()
                .toPublicJWK()
                .toJSONString();
        repo.delete(next.kid());
        repo.insert(new StoredSigningKey(
                next.kid(),
                next.algorithm(),
                next.status(),
                next.createdAt(),
                next.activatedAt(),
                next.retiredAt(),
                foreignJwk,
                next.encryptedPrivateKey()));
        List<StoredSigningKey> before = repo.findAll();

        assertThatThrownBy(() -> manager(masterKey).initialize())
                .isInstanceOf(SigningKeyStorageException.class)
                .hasMessageContaining(next.kid());
        assertThat(repo.findAll()).containsExactlyElementsOf(before);
    }
}
