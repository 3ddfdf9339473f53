package com.phoenixidp.pki.keys;

import com.phoenixidp.pki.PkiException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
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
import org.jspecify.annotations.Nullable;

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
            PrivateKeyInfo info = decryptWithJvmProviders(encrypted, passphrase);
            if (info == null) {
                InputDecryptorProvider decryptor = new JceOpenSSLPKCS8DecryptorProviderBuilder()
                        .setProvider(Providers.bouncyCastle())
                        .build(passphrase);
                info = encrypted.decryptPrivateKeyInfo(decryptor);
            }
            return new JcaPEMKeyConverter().setProvider(Providers.BC).getPrivateKey(info);
        } catch (PKCSException
                | PEMException
                | BadPaddingException
                | IllegalBlockSizeException
                | IllegalArgumentException
                | IllegalStateException e) {
            throw new WrongPassphraseException("wrong CA passphrase (cannot decrypt " + file.getFileName() + ")");
        } catch (OperatorCreationException | GeneralSecurityException e) {
            throw new PkiException("cannot decrypt CA key " + file, e);
        }
    }

    /**
     * The scheme {@link #encrypt} writes, PBES2 with PBKDF2-HMAC-SHA256 and AES-256-CBC (RFC 8018
     * sections 6.2 and 5.2), decrypted with the JCA's preferred HMAC and AES ({@link Pbkdf2}): the
     * native ones when the application installed them, else the JVM's, whose SHA-256 is compiled to
     * the processor's instructions; either takes a fraction of the processor time of Bouncy Castle's
     * Java code for the 210,000 iterations (the auth-server opens its CA at every start). Null for
     * any other scheme and for an empty passphrase: Bouncy Castle decrypts those.
     */
    static @Nullable PrivateKeyInfo decryptWithJvmProviders(PKCS8EncryptedPrivateKeyInfo encrypted, char[] passphrase)
            throws GeneralSecurityException {
        AlgorithmIdentifier scheme = encrypted.getEncryptionAlgorithm();
        if (!PKCSObjectIdentifiers.id_PBES2.equals(scheme.getAlgorithm())) {
            return null;
        }
        PBES2Parameters pbes2 = PBES2Parameters.getInstance(scheme.getParameters());
        if (!PKCSObjectIdentifiers.id_PBKDF2.equals(pbes2.getKeyDerivationFunc().getAlgorithm())
                || !NISTObjectIdentifiers.id_aes256_CBC.equals(
                        pbes2.getEncryptionScheme().getAlgorithm())) {
            return null;
        }
        PBKDF2Params kdf = PBKDF2Params.getInstance(pbes2.getKeyDerivationFunc().getParameters());
        BigInteger keyLength = kdf.getKeyLength();
        if (!PKCSObjectIdentifiers.id_hmacWithSHA256.equals(kdf.getPrf().getAlgorithm())
                || (keyLength != null && keyLength.intValue() != 32)) {
            return null;
        }
        byte[] iv = ASN1OctetString.getInstance(pbes2.getEncryptionScheme().getParameters())
                .getOctets();
        if (passphrase.length == 0) {
            return null; // a JCA HMAC key cannot be empty: Bouncy Castle decrypts it
        }
        // the passphrase as UTF-8, as Bouncy Castle's PBKDF2 and the JDK's take it (RFC 8018 leaves it open)
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(passphrase));
        byte[] password = new byte[encoded.remaining()];
        encoded.get(password);
        encoded.clear();
        while (encoded.hasRemaining()) {
            encoded.put((byte) 0);
        }
        byte[] key;
        try {
            key = Pbkdf2.hmacSha256(
                    password, kdf.getSalt(), kdf.getIterationCount().intValueExact(), 32);
        } finally {
            Arrays.fill(password, (byte) 0);
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            return PrivateKeyInfo.getInstance(cipher.doFinal(encrypted.getEncryptedData()));
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }
}
