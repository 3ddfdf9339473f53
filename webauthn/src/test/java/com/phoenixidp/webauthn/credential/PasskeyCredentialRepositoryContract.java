package com.phoenixidp.webauthn.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.phoenixidp.webauthn.DuplicateCredentialException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Behaviour every {@link PasskeyCredentialRepository} adapter must show. */
abstract class PasskeyCredentialRepositoryContract {

    protected abstract PasskeyCredentialRepository newRepository();

    private final SecureRandom random = new SecureRandom();
    private final PasskeyCredentialRepository repository = newRepository();
    private final byte[] alice = bytes(32);
    private final byte[] bob = bytes(32);
    private final Instant t0 = Instant.parse("2026-01-01T10:00:00Z");

    @Test
    void saveWhenUserHasSeveralPasskeysThenAllRoundTripUnchanged() {
        PasskeyCredential laptop = passkey(alice, "Laptop", t0, Set.of("internal", "hybrid"));
        PasskeyCredential phone = passkey(alice, "Phone", t0.plusSeconds(60), Set.of());
        PasskeyCredential bobs = passkey(bob, "Bob's key", t0, Set.of("usb"));
        repository.save(phone);
        repository.save(laptop);
        repository.save(bobs);

        assertThat(repository.findByUserHandle(alice)).containsExactly(laptop, phone);
        assertThat(repository.findByUserHandle(bob)).containsExactly(bobs);
        assertThat(repository.findByCredentialId(laptop.credentialId())).contains(laptop);
        assertThat(repository.findByCredentialId(bytes(16))).isEmpty();
    }

    @Test
    void saveWhenCredentialIdExistsThenDuplicateCredential() {
        PasskeyCredential original = passkey(alice, "Laptop", t0, Set.of());
        repository.save(original);
        PasskeyCredential sameId = new PasskeyCredential(
                original.credentialId(),
                bob,
                bytes(77),
                0,
                Set.of(),
                false,
                false,
                false,
                new byte[16],
                "none",
                "copy",
                t0,
                Optional.empty(),
                false);

        assertThatThrownBy(() -> repository.save(sameId)).isExactlyInstanceOf(DuplicateCredentialException.class);
        assertThat(repository.findByCredentialId(original.credentialId())).contains(original);
    }

    @Test
    void updateAfterAuthenticationWhenCalledThenCounterBackupStateAndLastUsedAreStored() {
        PasskeyCredential laptop = passkey(alice, "Laptop", t0, Set.of());
        repository.save(laptop);
        Instant used = t0.plusSeconds(3600);

        repository.updateAfterAuthentication(laptop.credentialId(), 42, true, used);

        PasskeyCredential stored =
                repository.findByCredentialId(laptop.credentialId()).orElseThrow();
        assertThat(stored.signatureCount()).isEqualTo(42);
        assertThat(stored.backupState()).isTrue();
        assertThat(stored.lastUsedAt()).contains(used);
        assertThat(stored.name()).isEqualTo("Laptop");
    }

    @Test
    void renameWhenOwnerRenamesThenNameChangesAndOthersCannot() {
        PasskeyCredential laptop = passkey(alice, "Laptop", t0, Set.of());
        repository.save(laptop);

        assertThat(repository.rename(bob, laptop.credentialId(), "Bob was here"))
                .isFalse();
        assertThat(repository.rename(alice, laptop.credentialId(), "Work laptop"))
                .isTrue();

        assertThat(repository
                        .findByCredentialId(laptop.credentialId())
                        .orElseThrow()
                        .name())
                .isEqualTo("Work laptop");
    }

    @Test
    void deleteWhenAnotherUsersCredentialThenNothingIsDeleted() {
        PasskeyCredential laptop = passkey(alice, "Laptop", t0, Set.of());
        PasskeyCredential phone = passkey(alice, "Phone", t0, Set.of());
        repository.save(laptop);
        repository.save(phone);

        assertThat(repository.delete(bob, laptop.credentialId())).isFalse();
        assertThat(repository.findByUserHandle(alice)).hasSize(2);
        assertThat(repository.delete(alice, laptop.credentialId())).isTrue();
        assertThat(repository.findByUserHandle(alice)).containsExactly(phone);
    }

    @Test
    void markCloneSuspectedWhenCalledThenFlagIsPersisted() {
        PasskeyCredential laptop = passkey(alice, "Laptop", t0, Set.of());
        repository.save(laptop);

        repository.markCloneSuspected(laptop.credentialId());

        assertThat(repository
                        .findByCredentialId(laptop.credentialId())
                        .orElseThrow()
                        .cloneSuspected())
                .isTrue();
    }

    private PasskeyCredential passkey(byte[] user, String name, Instant created, Set<String> transports) {
        return new PasskeyCredential(
                bytes(48),
                user,
                bytes(77),
                7,
                transports,
                true,
                false,
                true,
                bytes(16),
                "packed",
                name,
                created,
                Optional.empty(),
                false);
    }

    private byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
