package com.phoenixidp.pki.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.phoenixidp.pki.support.Commands;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncryptedKeyFileTest {

    private static final char[] PASSPHRASE = "correct horse battery".toCharArray();

    @TempDir
    Path dir;

    private final SecureRandom random = new SecureRandom();

    @Test
    void decryptWhenSamePassphraseThenSameKey() {
        KeyPair pair = KeyType.EC.generate(random);
        Path file = dir.resolve("ca.key");
        SecureFiles.writeNew(file, EncryptedKeyFile.encrypt(pair.getPrivate(), PASSPHRASE, random));

        PrivateKey decrypted = EncryptedKeyFile.decrypt(file, PASSPHRASE);

        assertThat(decrypted.getEncoded()).isEqualTo(pair.getPrivate().getEncoded());
    }

    @Test
    void decryptWhenWrongPassphraseThenWrongPassphraseException() {
        Path file = dir.resolve("ca.key");
        SecureFiles.writeNew(
                file, EncryptedKeyFile.encrypt(KeyType.EC.generate(random).getPrivate(), PASSPHRASE, random));

        assertThatThrownBy(() -> EncryptedKeyFile.decrypt(file, "wrong".toCharArray()))
                .isInstanceOf(WrongPassphraseException.class)
                .hasMessageContaining("wrong CA passphrase");
    }

    @Test
    void encryptWhenWrittenThenEncryptedPkcs8OwnerOnlyAndReadableByOpenssl() throws Exception {
        Path file = dir.resolve("ca.key");
        SecureFiles.writeNew(
                file, EncryptedKeyFile.encrypt(KeyType.ED25519.generate(random).getPrivate(), PASSPHRASE, random));

        assertThat(Files.readString(file, StandardCharsets.US_ASCII))
                .startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        Commands.Result withPassphrase =
                Commands.openssl(dir, "pkey", "-in", "ca.key", "-passin", "pass:correct horse battery", "-noout");
        Commands.Result wrong = Commands.openssl(dir, "pkey", "-in", "ca.key", "-passin", "pass:nope", "-noout");
        Commands.Result details = Commands.openssl(dir, "asn1parse", "-in", "ca.key");
        assertThat(withPassphrase.exitCode()).as(withPassphrase.output()).isZero();
        assertThat(wrong.exitCode()).isNotZero();
        assertThat(details.output()).contains("PBES2", "PBKDF2", "hmacWithSHA256", "aes-256-cbc");
    }
}
