package com.phoenixidp.pki.authority;

import com.phoenixidp.pki.PkiException;
import com.phoenixidp.pki.export.Pem;
import com.phoenixidp.pki.issuance.CaUrls;
import com.phoenixidp.pki.keys.CaSigner;
import com.phoenixidp.pki.keys.EncryptedKeyFile;
import com.phoenixidp.pki.keys.PrivateKeySigner;
import com.phoenixidp.pki.keys.Providers;
import com.phoenixidp.pki.keys.SecureFiles;
import com.phoenixidp.pki.store.H2Ledger;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code init}: generates the root and intermediate, then writes the CA directory file by file
 * with create-new semantics, {@code ca.properties} last; on any failure the files already
 * written are removed, so a directory is either a complete CA or none.
 */
final class CaInitializer {

    private CaInitializer() {}

    static void create(CaDirectory directory, char[] passphrase, CaOptions options, Clock clock, SecureRandom random) {
        Providers.bouncyCastle();
        if (directory.containsCaFiles()) {
            throw new CaAlreadyExistsException(
                    "a CA already exists in " + directory.path() + "; refusing to overwrite it");
        }
        if (passphrase == null || passphrase.length < 8) {
            throw new PkiException("the CA passphrase must be at least 8 characters");
        }
        CaUrls urls = options.baseUrl() == null ? null : new CaUrls(options.baseUrl());
        Instant now = clock.instant();
        KeyPair rootKey = options.keyType().generate(random);
        KeyPair intermediateKey = options.keyType().generate(random);
        CaSigner rootSigner = new PrivateKeySigner(rootKey, random);
        X509Certificate root =
                CaCertificateFactory.root(options.name(), rootSigner, now, now.plus(options.rootValidity()), random);
        X509Certificate intermediate = CaCertificateFactory.intermediate(
                options.name(),
                root,
                rootSigner,
                intermediateKey.getPublic(),
                options.namePolicy().nameConstraints(),
                urls,
                now,
                now.plus(options.intermediateValidity()),
                random);

        SecureFiles.createPrivateDirectory(directory.path());
        List<String> written = new ArrayList<>();
        try {
            write(
                    directory,
                    written,
                    CaDirectory.LEDGER_PASSWORD,
                    CaDirectory.newLedgerPassword(random).getBytes(StandardCharsets.US_ASCII));
            write(
                    directory,
                    written,
                    CaDirectory.POLICY,
                    options.namePolicy().toProperties().getBytes(StandardCharsets.UTF_8));
            write(
                    directory,
                    written,
                    CaDirectory.ROOT_KEY,
                    EncryptedKeyFile.encrypt(rootKey.getPrivate(), passphrase, random));
            write(
                    directory,
                    written,
                    CaDirectory.INTERMEDIATE_KEY,
                    EncryptedKeyFile.encrypt(intermediateKey.getPrivate(), passphrase, random));
            write(directory, written, CaDirectory.ROOT_CERT, Pem.bytes(Pem.certificate(root)));
            write(directory, written, CaDirectory.INTERMEDIATE_CERT, Pem.bytes(Pem.certificate(intermediate)));
            written.add(CaDirectory.LEDGER_DB);
            H2Ledger.open(directory.path(), directory.readLedgerPassword()).close();
            SecureFiles.restrictToOwner(directory.file(CaDirectory.LEDGER_DB));
            write(
                    directory,
                    written,
                    CaDirectory.CONFIG,
                    CaDirectory.configText(options).getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            for (String name : written) {
                try {
                    Files.deleteIfExists(directory.file(name));
                } catch (IOException ignored) {
                    // best effort rollback
                }
            }
            try {
                Files.deleteIfExists(directory.path().resolve("ledger.trace.db"));
            } catch (IOException ignored) {
                // best effort rollback
            }
            throw e;
        }
    }

    private static void write(CaDirectory directory, List<String> written, String name, byte[] content) {
        directory.writeNew(name, content);
        written.add(name);
    }
}
