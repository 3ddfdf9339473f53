package com.phoenixidp.crypto.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class JdbcSigningKeyRepositoryTest {

    private final JdbcSigningKeyRepository repo = new JdbcSigningKeyRepository(TestDatabases.withSigningKeySchema());
    private final Instant created = Instant.parse("2025-01-02T03:04:05.123456Z");

    private StoredSigningKey next(String kid) {
        return new StoredSigningKey(
                kid,
                SigningAlgorithm.RS256,
                KeyStatus.NEXT,
                created,
                null,
                null,
                "{\"kid\":\"" + kid + "\"}",
                new byte[] {1, 2, 3});
    }

    @Test
    void findAllWhenInsertedThenSameValuesReturned() {
        repo.insert(next("a"));

        assertThat(repo.findAll()).containsExactly(next("a"));
    }

    @Test
    void updateStatusWhenCalledThenStatusAndTimestampsStored() {
        repo.insert(next("a"));
        Instant activated = created.plusSeconds(60);
        Instant retired = created.plusSeconds(120);

        repo.updateStatus("a", KeyStatus.RETIRED, activated, retired);

        assertThat(repo.findAll()).containsExactly(next("a").withStatus(KeyStatus.RETIRED, activated, retired));
    }

    @Test
    void updateStatusWhenUnknownKidThenFails() {
        assertThatThrownBy(() -> repo.updateStatus("nope", KeyStatus.ACTIVE, created, null))
                .isInstanceOf(SigningKeyStorageException.class);
    }

    @Test
    void deleteWhenCalledThenRowGone() {
        repo.insert(next("a"));
        repo.insert(next("b"));

        repo.delete("a");

        assertThat(repo.findAll()).extracting(StoredSigningKey::kid).containsExactly("b");
    }

    @Test
    void insertWhenDuplicateKidThenFails() {
        repo.insert(next("a"));

        assertThatThrownBy(() -> repo.insert(next("a"))).isInstanceOf(SigningKeyStorageException.class);
    }
}
