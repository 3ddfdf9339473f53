package com.phoenixidp.pki.keys;

import com.phoenixidp.pki.PkiException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.SecureRandom;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.InputDecryptorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

/**
 * CA private keys at rest: encrypted PKCS#8 PEM ({@code ENCRYPTED PRIVATE KEY}, RFC 5958 /
 * RFC 8018 PBES2 with PBKDF2-HMAC-SHA256 and AES-256-CBC), readable by {@code openssl pkey}.
 */
public final class EncryptedKeyFile {

    /** PBKDF2 iterations; high enough to slow offline guessing, low enough for a CLI start. */
    public static final int ITERATIONS = 210_000;

    private EncryptedKeyFile() {}

    /** Encrypts {@code key} under {@code passphrase} and returns the PEM text as bytes. */
    public static byte[] encrypt(PrivateKey key, char[] passphrase, SecureRandom random) {
        try {
            OutputEncryptor encryptor = new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                    .setPRF(PKCS8Generator.PRF_HMACSHA256)
                    .setIterationCount(ITERATIONS)
                    .setRandom(random)
                    .setPassword(passphrase)
                    .build();
            StringWriter out = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
                writer.writeObject(new PKCS8Generator(PrivateKeyEncoding.pkcs8v1(key), encryptor).generate());
            }
            return out.toString().getBytes(StandardCharsets.US_ASCII);
        } catch (OperatorCreationException | IOException e) {
            throw new PkiException("cannot encrypt private key", e);
        }
    }

    /** Reads and decrypts the key at {@code file}; a wrong passphrase gives {@link WrongPassphraseException}. */
    public static PrivateKey decrypt(Path file, char[] passphrase) {
        String pem;
        try {
            pem = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new PkiException("CA key " + file + " is missing");
        } catch (IOException e) {
            throw new PkiException("cannot read CA key " + file + ": " + e.getMessage());
        }
        Object parsed;
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            parsed = parser.readObject();
        } catch (IOException e) {
            throw new PkiException("CA key " + file + " is not a PEM file");
        }
        if (!(parsed instanceof PKCS8EncryptedPrivateKeyInfo encrypted)) {
            throw new PkiException("CA key " + file + " is not an encrypted PKCS#8 key");
        }
        try {
            InputDecryptorProvider decryptor = new JceOpenSSLPKCS8DecryptorProviderBuilder()
                    .setProvider(Providers.bouncyCastle())
                    .build(passphrase);
            PrivateKeyInfo info = encrypted.decryptPrivateKeyInfo(decryptor);
            return new JcaPEMKeyConverter().setProvider(Providers.BC).getPrivateKey(info);
        } catch (PKCSException | PEMException | IllegalArgumentException | IllegalStateException e) {
            throw new WrongPassphraseException("wrong CA passphrase (cannot decrypt " + file.getFileName() + ")");
        } catch (OperatorCreationException e) {
            throw new PkiException("cannot decrypt CA key " + file, e);
        }
    }
}
