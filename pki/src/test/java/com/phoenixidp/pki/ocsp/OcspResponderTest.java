package com.phoenixidp.pki.ocsp;

import static org.assertj.core.api.Assertions.assertThat;

import com.phoenixidp.pki.authority.CertificateAuthority;
import com.phoenixidp.pki.issuance.CertificateProfile;
import com.phoenixidp.pki.issuance.IssuanceRequest;
import com.phoenixidp.pki.revocation.RevocationReason;
import com.phoenixidp.pki.support.TestCas;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OcspResponderTest {

    @TempDir
    static Path dir;

    static CertificateAuthority ca;

    @BeforeAll
    static void createCa() {
        ca = TestCas.open(dir.resolve("ca"));
    }

    @AfterAll
    static void closeCa() {
        ca.close();
    }

    static byte[] request(X509Certificate issuer, BigInteger serial, byte[] nonce) throws Exception {
        CertificateID id = new CertificateID(
                new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                new JcaX509CertificateHolder(issuer),
                serial);
        OCSPReqBuilder builder = new OCSPReqBuilder().addRequest(id);
        if (nonce != null) {
            builder.setRequestExtensions(new Extensions(new Extension(
                    OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false, new DEROctetString(new DEROctetString(nonce)))));
        }
        return builder.build().getEncoded();
    }

    static BasicOCSPResp basic(byte[] response) throws Exception {
        OCSPResp resp = new OCSPResp(response);
        assertThat(resp.getStatus()).isEqualTo(OCSPRespBuilder.SUCCESSFUL);
        return (BasicOCSPResp) resp.getResponseObject();
    }

    @Test
    void respondWhenCertificateIssuedThenGoodSignedByIntermediateWithNonceEchoed() throws Exception {
        X509Certificate leaf =
                ca.issue(IssuanceRequest.of("good", CertificateProfile.SERVER)).certificate();
        byte[] nonce = {1, 2, 3, 4, 5, 6, 7, 8};

        BasicOCSPResp basic =
                basic(ca.ocspResponder().respond(request(ca.intermediateCertificate(), leaf.getSerialNumber(), nonce)));

        SingleResp single = basic.getResponses()[0];
        assertThat(single.getCertStatus()).isEqualTo(CertificateStatus.GOOD);
        assertThat(single.getCertID().getSerialNumber()).isEqualTo(leaf.getSerialNumber());
        assertThat(single.getNextUpdate()).isAfter(single.getThisUpdate());
        assertThat(basic.isSignatureValid(new JcaContentVerifierProviderBuilder()
                        .build(ca.intermediateCertificate().getPublicKey())))
                .isTrue();
        assertThat(basic.getCerts()).hasSize(1);
        assertThat(DEROctetString.getInstance(basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce)
                                .getParsedValue())
                        .getOctets())
                .isEqualTo(nonce);
    }

    @Test
    void respondWhenRevokedThenRevokedWithTimeAndReason() throws Exception {
        X509Certificate leaf =
                ca.issue(IssuanceRequest.of("bad", CertificateProfile.CLIENT)).certificate();
        ca.revoke(leaf.getSerialNumber(), RevocationReason.KEY_COMPROMISE);

        SingleResp single = basic(
                        ca.ocspResponder().respond(request(ca.intermediateCertificate(), leaf.getSerialNumber(), null)))
                .getResponses()[0];

        assertThat(single.getCertStatus()).isInstanceOf(RevokedStatus.class);
        RevokedStatus revoked = (RevokedStatus) single.getCertStatus();
        assertThat(revoked.getRevocationReason()).isEqualTo(RevocationReason.KEY_COMPROMISE.code());
        assertThat(revoked.getRevocationTime()).isNotNull();
    }

    @Test
    void respondWhenSerialNeverIssuedThenUnknown() throws Exception {
        SingleResp single = basic(ca.ocspResponder()
                        .respond(request(ca.intermediateCertificate(), BigInteger.valueOf(424242), null)))
                .getResponses()[0];

        assertThat(single.getCertStatus()).isInstanceOf(UnknownStatus.class);
    }

    @Test
    void respondWhenIssuerIsAnotherCaThenUnknown() throws Exception {
        X509Certificate leaf =
                ca.issue(IssuanceRequest.of("mine", CertificateProfile.SERVER)).certificate();

        SingleResp single = basic(
                        ca.ocspResponder().respond(request(ca.rootCertificate(), leaf.getSerialNumber(), null)))
                .getResponses()[0];

        assertThat(single.getCertStatus()).isInstanceOf(UnknownStatus.class);
    }

    @Test
    void respondWhenRequestMalformedThenMalformedRequestStatus() throws Exception {
        assertThat(new OCSPResp(ca.ocspResponder().respond(new byte[] {0x30, 0x00})).getStatus())
                .isEqualTo(OCSPRespBuilder.MALFORMED_REQUEST);
        assertThat(new OCSPResp(ca.ocspResponder().respond("garbage".getBytes())).getStatus())
                .isEqualTo(OCSPRespBuilder.MALFORMED_REQUEST);
    }
}
