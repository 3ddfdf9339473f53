package com.phoenixidp.authserver.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.phoenixidp.authserver.EmbeddedPostgres;
import com.phoenixidp.authserver.TestKeys;
import com.phoenixidp.crypto.keys.JdbcSigningKeyRepository;
import com.phoenixidp.crypto.keys.KeyEncryptor;
import com.phoenixidp.crypto.keys.KeyStatus;
import com.phoenixidp.crypto.keys.MasterKey;
import com.phoenixidp.crypto.keys.SigningAlgorithm;
import com.phoenixidp.crypto.keys.SigningKeyManager;
import com.phoenixidp.crypto.keys.StoredSigningKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Several nodes starting at the same moment on an empty PostgreSQL database (each its own key
 * manager and connections) end with one key set: one ACTIVE and one NEXT key per algorithm.
 */
class SigningKeysOnPostgresTest {

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgres() {
        postgres = EmbeddedPostgres.start().createDatabase("keys");
        Flyway.configure()
                .dataSource(postgres.dataSource("keys"))
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    @AfterAll
    static void stopPostgres() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void initializeWhenThreeNodesStartAtOnceOnEmptyDatabaseThenOneActiveAndOneNextPerAlgorithm() throws Exception {
        DataSource database = postgres.dataSource("keys");
        int nodes = 3;
        ExecutorService pool = Executors.newFixedThreadPool(nodes);
        CyclicBarrier start = new CyclicBarrier(nodes);
        List<Future<SigningKeyManager>> started = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            started.add(pool.submit(() -> {
                SecureRandom random = new SecureRandom();
                SigningKeyManager manager = new SigningKeyManager(
                        new JdbcSigningKeyRepository(database),
                        new KeyEncryptor(MasterKey.fromBase64(TestKeys.MASTER_KEY_BASE64), random),
                        Clock.systemUTC(),
                        Duration.ofHours(1),
                        random);
                start.await();
                manager.initialize();
                return manager;
            }));
        }
        List<SigningKeyManager> managers = new ArrayList<>();
        for (Future<SigningKeyManager> node : started) {
            managers.add(node.get(3, TimeUnit.MINUTES));
        }
        pool.shutdown();

        List<StoredSigningKey> stored = new JdbcSigningKeyRepository(database).findAll();
        for (SigningAlgorithm alg : SigningAlgorithm.values()) {
            assertThat(stored.stream().filter((k) -> k.algorithm() == alg && k.status() == KeyStatus.ACTIVE))
                    .hasSize(1);
            assertThat(stored.stream().filter((k) -> k.algorithm() == alg && k.status() == KeyStatus.NEXT))
                    .hasSize(1);
            assertThat(managers)
                    .extracting((m) -> m.signer(alg).kid())
                    .containsOnly(managers.get(0).signer(alg).kid());
        }
    }
}
