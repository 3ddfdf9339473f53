package com.phoenixidp.pki.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.phoenixidp.pki.support.Commands;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.util.Base64;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
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
    void decryptWhenPassphraseIsNotAsciiThenSameKey() {
        // PBKDF2 takes the passphrase as UTF-8 bytes, in the JVM's providers as in Bouncy Castle's
        char[] passphrase = "pässwörd ✓ 鍵".toCharArray();
        KeyPair pair = KeyType.RSA.generate(random);
        Path file = dir.resolve("ca.key");
        SecureFiles.writeNew(file, EncryptedKeyFile.encrypt(pair.getPrivate(), passphrase, random));

        assertThat(EncryptedKeyFile.decrypt(file, passphrase).getEncoded())
                .isEqualTo(pair.getPrivate().getEncoded());
        assertThatThrownBy(() -> EncryptedKeyFile.decrypt(file, "passwort ✓ 鍵".toCharArray()))
                .isInstanceOf(WrongPassphraseException.class);
    }

    @Test
    void decryptWhenAnotherPbes2SchemeThenStillDecrypts() throws Exception {
        // written by another tool: PBKDF2-HMAC-SHA1 and AES-128-CBC (Bouncy Castle decrypts these)
        KeyPair pair = KeyType.EC.generate(random);
        OutputEncryptor encryptor = new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_128_CBC)
                .setPRF(PKCS8Generator.PRF_HMACSHA1)
                .setIterationCount(2048)
                .setRandom(random)
                .setPassword(PASSPHRASE)
                .build();
        StringWriter pem = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
            writer.writeObject(new PKCS8Generator(
                            PrivateKeyInfo.getInstance(pair.getPrivate().getEncoded()), encryptor)
                    .generate());
        }
        Path file = dir.resolve("other.key");
        Files.writeString(file, pem.toString(), StandardCharsets.US_ASCII);

        assertThat(EncryptedKeyFile.decrypt(file, PASSPHRASE).getEncoded())
                .isEqualTo(pair.getPrivate().getEncoded());
        assertThat(EncryptedKeyFile.decryptWithJvmProviders(parse(file), PASSPHRASE))
                .as("not the scheme the JVM's providers decrypt here")
                .isNull();
    }

    @Test
    void decryptWithJvmProvidersWhenWrittenByEncryptThenDecryptsIt() throws Exception {
        KeyPair pair = KeyType.ED25519.generate(random);
        Path file = dir.resolve("ca.key");
        SecureFiles.writeNew(file, EncryptedKeyFile.encrypt(pair.getPrivate(), PASSPHRASE, random));

        assertThat(EncryptedKeyFile.decryptWithJvmProviders(parse(file), PASSPHRASE))
                .isEqualTo(PrivateKeyEncoding.pkcs8v1(pair.getPrivate()));
    }

    private static PKCS8EncryptedPrivateKeyInfo parse(Path file) throws Exception {
        try (PEMParser parser = new PEMParser(Files.newBufferedReader(file, StandardCharsets.US_ASCII))) {
            return (PKCS8EncryptedPrivateKeyInfo) parser.readObject();
        }
    }

    @Test
    void decryptWhenEncryptedByOpensslThenSameKey() throws Exception {
        // an independent PBES2 implementation: PBKDF2-HMAC-SHA256, AES-256-CBC (the scheme encrypt writes)
        KeyPair pair = KeyType.EC.generate(random);
        Files.writeString(
                dir.resolve("plain.key"),
                "-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder()
                                .encodeToString(pair.getPrivate().getEncoded())
                        + "\n-----END PRIVATE KEY-----\n",
                StandardCharsets.US_ASCII);
        Commands.Result encrypted = Commands.openssl(
                dir,
                "pkcs8",
                "-topk8",
                "-in",
                "plain.key",
                "-out",
                "ca.key",
                "-v2",
                "aes-256-cbc",
                "-v2prf",
                "hmacWithSHA256",
                "-iter",
                "1000",
                "-passout",
                "pass:correct horse battery");
        assertThat(encrypted.exitCode()).as(encrypted.output()).isZero();

        PrivateKey decrypted = EncryptedKeyFile.decrypt(dir.resolve("ca.key"), PASSPHRASE);

        assertThat(((ECPrivateKey) decrypted).getS()).isEqualTo(((ECPrivateKey) pair.getPrivate()).getS());
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
