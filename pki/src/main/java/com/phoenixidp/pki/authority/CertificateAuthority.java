package com.phoenixidp.pki.authority;

import com.phoenixidp.pki.PkiException;
import com.phoenixidp.pki.issuance.CaUrls;
import com.phoenixidp.pki.issuance.CertificateProfile;
import com.phoenixidp.pki.issuance.IssuanceRequest;
import com.phoenixidp.pki.issuance.IssuedCertificate;
import com.phoenixidp.pki.issuance.LeafCertificateFactory;
import com.phoenixidp.pki.issuance.SerialNumbers;
import com.phoenixidp.pki.issuance.SigningRequest;
import com.phoenixidp.pki.issuance.ValidityPolicy;
import com.phoenixidp.pki.keys.CaSigner;
import com.phoenixidp.pki.keys.KeyType;
import com.phoenixidp.pki.ocsp.OcspResponder;
import com.phoenixidp.pki.policy.NamePolicy;
import com.phoenixidp.pki.policy.SubjectAltName;
import com.phoenixidp.pki.revocation.CrlGenerator;
import com.phoenixidp.pki.revocation.RevocationReason;
import com.phoenixidp.pki.revocation.RevokedEntry;
import com.phoenixidp.pki.store.CertificateRecord;
import com.phoenixidp.pki.store.CertificateStatus;
import com.phoenixidp.pki.store.CertificateStore;
import com.phoenixidp.pki.store.H2Ledger;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.jspecify.annotations.Nullable;

/**
 * The CA core (step-ca's {@code authority}): a root and an intermediate kept in a CA directory,
 * issuing leaves and signing CSRs under a name policy, recording every certificate in the
 * ledger before returning it, revoking, and producing CRLs and OCSP answers. Thread-safe;
 * open once and share. Private keys stay inside behind {@link CaSigner} handles.
 */
public final class CertificateAuthority implements AutoCloseable {

    /** How long a CRL is valid (nextUpdate - thisUpdate). */
    public static final Duration CRL_VALIDITY = Duration.ofDays(1);
    /** How long an OCSP answer is valid (nextUpdate - thisUpdate). */
    public static final Duration OCSP_VALIDITY = Duration.ofMinutes(10);

    private final CaDirectory directory;
    private final CaOptions options;
    private final X509Certificate root;
    private final X509Certificate intermediate;
    private final CaSigner rootSigner;
    private final CaSigner intermediateSigner;
    private final CertificateStore store;
    private final @Nullable AutoCloseable storeResource;
    private final Clock clock;
    private final SecureRandom random;
    private final LeafCertificateFactory leaves;
    private final ValidityPolicy validity;
    private final OcspResponder ocsp;

    private CertificateAuthority(
            CaDirectory directory,
            CaOptions options,
            X509Certificate root,
            X509Certificate intermediate,
            CaSigner rootSigner,
            CaSigner intermediateSigner,
            CertificateStore store,
            @Nullable AutoCloseable storeResource,
            Clock clock,
            SecureRandom random) {
        this.directory = directory;
        this.options = options;
        this.root = root;
        this.intermediate = intermediate;
        this.rootSigner = rootSigner;
        this.intermediateSigner = intermediateSigner;
        this.store = store;
        this.storeResource = storeResource;
        this.clock = clock;
        this.random = random;
        this.leaves = new LeafCertificateFactory(intermediate, intermediateSigner, urls().orElse(null));
        this.validity = new ValidityPolicy(options.defaultLeafValidity(), options.maxLeafValidity());
        this.ocsp = new OcspResponder(intermediate, intermediateSigner, store, clock, OCSP_VALIDITY);
    }

    // ---------------------------------------------------------------- lifecycle

    /** Creates a new CA in {@code dir} (created 0700 if missing) and opens it; refuses to overwrite. */
    public static CertificateAuthority init(Path dir, char[] passphrase, CaOptions options) {
        return init(dir, passphrase, options, Clock.systemUTC(), new SecureRandom());
    }

    /** {@link #init(Path, char[], CaOptions)} with an injected clock and random source. */
    public static CertificateAuthority init(
            Path dir, char[] passphrase, CaOptions options, Clock clock, SecureRandom random) {
        CaInitializer.create(new CaDirectory(dir), passphrase, options, clock, random);
        return open(dir, passphrase, clock, random);
    }

    /** Opens the CA in {@code dir} with its own H2 ledger. */
    public static CertificateAuthority open(Path dir, char[] passphrase) {
        return open(dir, passphrase, Clock.systemUTC(), new SecureRandom());
    }

    /** {@link #open(Path, char[])} with an injected clock and random source. */
    public static CertificateAuthority open(Path dir, char[] passphrase, Clock clock, SecureRandom random) {
        CaDirectory directory = new CaDirectory(dir);
        directory.requireCa();
        CaKeys keys = CaKeys.load(directory, passphrase, random);
        H2Ledger ledger = directory.openLedger();
        try {
            return new CertificateAuthority(
                    directory,
                    directory.readOptions(),
                    keys.root(),
                    keys.intermediate(),
                    keys.rootSigner(),
                    keys.intermediateSigner(),
                    ledger.store(),
                    ledger,
                    clock,
                    random);
        } catch (RuntimeException e) {
            ledger.close();
            throw e;
        }
    }

    /**
     * Opens the CA in {@code dir} over a caller-supplied ledger, e.g. a {@code JdbcCertificateStore}
     * on the auth-server's database (run {@code LedgerSchema.migrate} on it first).
     */
    public static CertificateAuthority open(
            Path dir, char[] passphrase, CertificateStore store, Clock clock, SecureRandom random) {
        CaDirectory directory = new CaDirectory(dir);
        directory.requireCa();
        CaKeys keys = CaKeys.load(directory, passphrase, random);
        return new CertificateAuthority(
                directory,
                directory.readOptions(),
                keys.root(),
                keys.intermediate(),
                keys.rootSigner(),
                keys.intermediateSigner(),
                Objects.requireNonNull(store, "store"),
                null,
                clock,
                random);
    }

    // ---------------------------------------------------------------- issuance

    /** Issues a leaf with a freshly generated EC P-256 key. */
    public IssuedCertificate issue(IssuanceRequest request) {
        return issue(request, KeyType.EC);
    }

    /** Issues a leaf with a freshly generated key of {@code keyType}. */
    public IssuedCertificate issue(IssuanceRequest request, KeyType keyType) {
        options.namePolicy().check(request.commonName(), request.subjectAltNames());
        KeyPair keyPair = keyType.generate(random);
        X509Certificate leaf = certify(
                request, SubjectPublicKeyInfo.getInstance(keyPair.getPublic().getEncoded()));
        return new IssuedCertificate(leaf, List.of(leaf, intermediate), keyPair);
    }

    /** Issues a leaf for a caller-held public key (already proven by the caller). */
    public IssuedCertificate issue(IssuanceRequest request, SubjectPublicKeyInfo publicKey) {
        options.namePolicy().check(request.commonName(), request.subjectAltNames());
        X509Certificate leaf = certify(request, publicKey);
        return new IssuedCertificate(leaf, List.of(leaf, intermediate), null);
    }

    /**
     * Signs a PKCS#10 CSR (PEM or DER): proof of possession verified, names checked against
     * the policy, and the CA's profile — not the CSR — decides the extensions.
     *
     * @param validity requested validity or {@code null} for the default
     */
    public IssuedCertificate sign(byte[] csr, CertificateProfile profile, @Nullable Duration validity) {
        SigningRequest request = SigningRequest.parse(csr);
        IssuanceRequest issuance =
                new IssuanceRequest(request.commonName(), request.subjectAltNames(), profile, validity);
        return issue(issuance, request.publicKey());
    }

    private X509Certificate certify(IssuanceRequest request, SubjectPublicKeyInfo publicKey) {
        Instant now = clock.instant();
        Instant[] window = validity.window(
                request.validity(), now, intermediate.getNotAfter().toInstant());
        BigInteger serial = SerialNumbers.next(random);
        X509Certificate leaf = leaves.build(
                serial,
                request.commonName(),
                publicKey,
                request.subjectAltNames(),
                request.profile(),
                window[0],
                window[1]);
        try {
            store.record(new CertificateRecord(
                    serial,
                    leaf.getSubjectX500Principal().getName(),
                    request.subjectAltNames().stream()
                            .map(SubjectAltName::toString)
                            .toList(),
                    request.profile().toString(),
                    window[0],
                    window[1],
                    now,
                    null,
                    null,
                    leaf.getEncoded()));
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new PkiException("cannot encode certificate", e);
        }
        return leaf;
    }

    // ---------------------------------------------------------------- revocation

    /** Revokes a certificate this CA issued (serial must be in the ledger). */
    public CertificateRecord revoke(BigInteger serial, RevocationReason reason) {
        return store.revoke(serial, Objects.requireNonNull(reason, "reason"), clock.instant());
    }

    /** A freshly signed CRL of the intermediate (new CRL number each call), valid for {@link #CRL_VALIDITY}. */
    public X509CRL currentCrl() {
        Instant now = clock.instant();
        List<RevokedEntry> entries = store.revokedUnexpired(now).stream()
                .map(r -> new RevokedEntry(
                        r.serial(),
                        Objects.requireNonNull(r.revokedAt(), "revoked certificate without revocation time"),
                        Objects.requireNonNull(r.revocationReason(), "revoked certificate without revocation reason")))
                .toList();
        return new CrlGenerator(intermediate, intermediateSigner)
                .generate(entries, store.nextCrlNumber(), now, CRL_VALIDITY);
    }

    /** The root's CRL (lists no intermediates: this CA does not revoke its own intermediate). */
    public X509CRL rootCrl() {
        Instant now = clock.instant();
        return new CrlGenerator(root, rootSigner)
                .generate(List.of(), BigInteger.valueOf(now.getEpochSecond()), now, Duration.ofDays(30));
    }

    /** The OCSP responder for this CA's leaves (serve it at {@link CaUrls#OCSP_PATH}). */
    public OcspResponder ocspResponder() {
        return ocsp;
    }

    // ---------------------------------------------------------------- accessors

    public X509Certificate rootCertificate() {
        return root;
    }

    public X509Certificate intermediateCertificate() {
        return intermediate;
    }

    /** Intermediate followed by root. */
    public List<X509Certificate> chain() {
        return List.of(intermediate, root);
    }

    /** The ledger. */
    public CertificateStore store() {
        return store;
    }

    /** Certificates in the ledger, optionally filtered by status. */
    public List<CertificateRecord> list(@Nullable CertificateStatus status) {
        return store.list(status, clock.instant());
    }

    /** A ledger entry by serial. */
    public Optional<CertificateRecord> find(BigInteger serial) {
        return store.find(serial);
    }

    public NamePolicy namePolicy() {
        return options.namePolicy();
    }

    public CaOptions options() {
        return options;
    }

    /** The CA's public URLs, when it has a base URL. */
    public Optional<CaUrls> urls() {
        return options.baseUrl() == null ? Optional.empty() : Optional.of(new CaUrls(options.baseUrl()));
    }

    public Path directory() {
        return directory.path();
    }

    @Override
    public void close() {
        if (storeResource != null) {
            try {
                storeResource.close();
            } catch (Exception e) {
                throw new PkiException("cannot close the ledger", e);
            }
        }
    }
}
