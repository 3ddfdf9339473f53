package com.phoenixidp.authserver.console;

import static com.phoenixidp.authserver.TestData.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.phoenixidp.authserver.AuthServerIntegrationTest;
import com.phoenixidp.authserver.ChromeBrowser;
import com.phoenixidp.authserver.OAuthTestClient;
import com.phoenixidp.authserver.audit.AuditEvent;
import com.phoenixidp.authserver.audit.AuditLog;
import com.phoenixidp.authserver.audit.AuditQuery;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.UUID;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The admin console in a real browser (headless Chromium): an admin creates a user who then signs
 * in, disables them (their open session stops working), rotates the signing keys, issues a
 * certificate from a CSR and revokes it (OCSP says revoked); a signed-in non-admin gets 403.
 */
class AdminConsoleBrowserTest extends AuthServerIntegrationTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    private AuditLog audit;

    private ChromeBrowser admin;

    @BeforeEach
    void startBrowser() {
        this.admin = ChromeBrowser.start(baseUrl());
    }

    @AfterEach
    void stopBrowser() {
        if (this.admin != null) {
            this.admin.close();
        }
    }

    @Test
    void consoleWhenAdminCreatesUserThenTheySignInAndDisablingEndsTheirSession() {
        String username = "new-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "console-made-password-1";
        signInAsAdmin("/admin/users");

        this.admin.element("new-username").sendKeys(username);
        this.admin.element("new-email").sendKeys(username + "@example.com");
        this.admin.element("new-password").sendKeys(password);
        this.admin.click("create-user");
        this.admin.waitForPath("/admin/users/" + username);
        assertThat(this.admin.element("notice").getText()).contains(username, "created");
        assertThat(this.admin.element("user-status").getText()).isEqualTo("active");
        this.admin.open("/admin/users?q=" + username);
        assertThat(this.admin.element("users").findElements(By.cssSelector("tbody td.username")))
                .extracting(WebElement::getText)
                .containsExactly(username);

        try (ChromeBrowser user = ChromeBrowser.start(baseUrl())) {
            user.open("/login");
            user.passwordLogin(username, password);
            user.waitForPath("/");
            assertThat(user.element("signed-in-user").getText()).isEqualTo(username);

            this.admin.open("/admin/users/" + username);
            assertThat(this.admin.element("sessions").getText()).contains("HeadlessChrome");
            this.admin.click("disable-user");
            // the form's answer replaces the page: read by script, not through an element handle
            this.admin.waitForText("user-status", "disabled");
            assertThat(this.admin.element("notice").getText()).contains("disabled");
            assertThat(this.admin.element("no-sessions").getText()).contains("No signed-in sessions");

            // the open session no longer works, and signing in again is refused
            user.open("/");
            user.waitForPath("/login");
            user.passwordLogin(username, password);
            assertThat(user.element("login-error").getText()).contains("Sign-in failed");
        }
        assertThat(events("user.disabled", username))
                .singleElement()
                .satisfies((e) -> assertThat(e.actor()).isEqualTo(BOB))
                .satisfies((e) -> assertThat(e.details()).contains("channel=console", "sessions_ended=1"));
        assertThat(events("user.created", username))
                .singleElement()
                .satisfies((e) -> assertThat(e.actor()).isEqualTo(BOB));
    }

    @Test
    void keysWhenRotatedThenTheNextKeySignsNewTokens() {
        signInAsAdmin("/admin/keys");
        String active = kid("RS256", "ACTIVE");
        String next = kid("RS256", "NEXT");

        this.admin.click("rotate-keys");
        // the rotation reloads the page: read by script, not through an element handle
        this.admin.waitFor().until((d) -> {
            String shown = kid("RS256", "ACTIVE");
            return shown != null && !shown.equals(active);
        });

        assertThat(this.admin.element("notice").getText()).contains("rotated");
        assertThat(kid("RS256", "ACTIVE")).isEqualTo(next);
        assertThat(this.admin.element("keys-RS256").findElements(By.cssSelector("tr[data-status=RETIRED]")))
                .extracting((tr) -> tr.getAttribute("data-kid"))
                .contains(active);
        OAuthTestClient client = client();
        String token = (String) client.clientCredentialsBasic(SERVICE, SERVICE_SECRET, "api.read")
                .json()
                .get("access_token");
        assertThat(OAuthTestClient.kidOf(token)).isEqualTo(next);
        assertThat(events("keys.rotated", null))
                .anySatisfy((e) -> assertThat(e.actor()).isEqualTo(BOB));
    }

    @Test
    void certificateWhenIssuedFromCsrAndRevokedThenOcspSaysRevoked() throws Exception {
        signInAsAdmin("/admin/certificates");
        String name = "svc-" + UUID.randomUUID().toString().substring(0, 8);

        this.admin.element("csr").sendKeys(csr(name));
        new Select(this.admin.element("profile")).selectByValue("client");
        this.admin.click("issue-certificate");
        this.admin.waitForUrlStartingWith(baseUrl() + "/admin/certificates/");
        X509Certificate certificate =
                parse(this.admin.element("certificate-pem").getText());
        assertThat(certificate.getSubjectX500Principal().getName()).contains("CN=" + name);
        X509Certificate issuer = parse(get("/pki/intermediate.crt"));
        assertThat(ocsp(certificate, issuer)).isEqualTo(CertificateStatus.GOOD);

        this.admin.open("/admin/certificates");
        String serial = certificate.getSerialNumber().toString(16);
        WebElement row =
                this.admin.element("certificates").findElement(By.cssSelector("tr[data-serial='" + serial + "']"));
        assertThat(row.getText()).contains("CN=" + name, "valid");
        row.findElement(By.cssSelector("a.serial")).click();
        this.admin.waitForPath("/admin/certificates/" + serial);
        new Select(this.admin.element("revocation-reason")).selectByValue("keyCompromise");
        this.admin.click("revoke-certificate");
        this.admin.waitForText("certificate-status", "revoked");

        Object status = ocsp(certificate, issuer);
        assertThat(status).isInstanceOf(RevokedStatus.class);
        assertThat(((RevokedStatus) status).getRevocationReason()).isEqualTo(CRLReason.keyCompromise);
        assertThat(events("certificate.revoked", null))
                .anySatisfy((e) -> assertThat(e.details()).contains("serial=" + serial, "reason=keyCompromise"));
    }

    @Test
    void clientWhenSecretRotatedThenOldSecretRefusedAndNewOneWorks() {
        String clientId = "console-" + UUID.randomUUID().toString().substring(0, 8);
        signInAsAdmin("/admin/clients");

        this.admin.element("new-client-id").sendKeys(clientId);
        WebElement scopes = this.admin.element("scopes");
        scopes.clear();
        scopes.sendKeys("api.read");
        for (WebElement grant : this.admin.driver.findElements(By.name("grantTypes"))) {
            boolean wanted = grant.getAttribute("value").equals("client_credentials");
            if (grant.isSelected() != wanted) {
                grant.click();
            }
        }
        this.admin.click("create-client");
        this.admin.waitForPath("/admin/clients");
        assertThat(this.admin.element("client-id").getText()).isEqualTo(clientId);
        String first = this.admin.element("new-secret").getText().strip();
        OAuthTestClient http = client();
        assertThat(http.clientCredentialsBasic(clientId, first, "api.read").status())
                .isEqualTo(200);

        this.admin.open("/admin/clients/" + clientId);
        assertThat(this.admin.driver.findElements(By.id("new-secret")))
                .as("a secret is shown once only")
                .isEmpty();
        this.admin.click("rotate-secret");
        String second = this.admin.element("new-secret").getText().strip();

        assertThat(second).isNotEqualTo(first).hasSizeGreaterThanOrEqualTo(32);
        assertThat(http.clientCredentialsBasic(clientId, first, "api.read").status())
                .isEqualTo(401);
        assertThat(http.clientCredentialsBasic(clientId, second, "api.read").status())
                .isEqualTo(200);
        this.admin.open("/admin/clients");
        assertThat(this.admin.element("clients").findElements(By.cssSelector("tr[data-client-id='" + clientId + "']")))
                .hasSize(1);
        assertThat(events("client.secret_rotated", null))
                .anySatisfy((e) -> assertThat(e.client()).isEqualTo(clientId))
                .allSatisfy((e) -> assertThat(e.details()).doesNotContain(first, second));
    }

    @Test
    void consoleWhenSignedInWithoutAdminRoleThenForbidden() {
        this.admin.open("/admin");
        this.admin.waitForPath("/login");
        this.admin.passwordLogin(ALICE, ALICE_PASSWORD);
        this.admin.waitForPath("/admin");
        assertThat(this.admin.element("error-status").getText()).isEqualTo("HTTP 403");
        this.admin.open("/admin/users");
        assertThat(this.admin.element("error-status").getText()).isEqualTo("HTTP 403");
        assertThat(this.admin.driver.findElements(By.id("users"))).isEmpty();
        this.admin.open("/");
        this.admin.element("signed-in-user");
        assertThat(this.admin.driver.findElements(By.id("admin-link"))).isEmpty();
    }

    /** Opens {@code path}, is sent to the sign-in page, signs in as bob (admin) and lands on it. */
    private void signInAsAdmin(String path) {
        this.admin.open(path);
        this.admin.waitForPath("/login");
        this.admin.passwordLogin(BOB, BOB_PASSWORD);
        this.admin.waitForPath(path);
    }

    private @Nullable String kid(String algorithm, String status) {
        return this.admin.attributeOf("#keys-" + algorithm + " tr[data-status=" + status + "]", "data-kid");
    }

    private List<AuditEvent> events(String type, String user) {
        return this.audit.query(new AuditQuery(user, null, type, null, null, 100));
    }

    private static String csr(String commonName) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        ExtensionsGenerator extensions = new ExtensionsGenerator();
        extensions.addExtension(
                Extension.subjectAlternativeName,
                false,
                new GeneralNames(new GeneralName(GeneralName.dNSName, commonName + ".internal")));
        var request = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + commonName), keys.getPublic())
                .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
        StringWriter pem = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
            writer.writeObject(request);
        }
        return pem.toString();
    }

    private static X509Certificate parse(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    private String get(String path) throws Exception {
        return this.http
                .send(
                        HttpRequest.newBuilder(URI.create(baseUrl() + path)).build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private Object ocsp(X509Certificate leaf, X509Certificate issuer) throws Exception {
        CertificateID id = new CertificateID(
                new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                new X509CertificateHolder(issuer.getEncoded()),
                leaf.getSerialNumber());
        HttpResponse<byte[]> response = this.http.send(
                HttpRequest.newBuilder(URI.create(baseUrl() + "/pki/ocsp"))
                        .header("Content-Type", "application/ocsp-request")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(
                                new OCSPReqBuilder().addRequest(id).build().getEncoded()))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        OCSPResp ocsp = new OCSPResp(response.body());
        assertThat(ocsp.getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
        return ((BasicOCSPResp) ocsp.getResponseObject()).getResponses()[0].getCertStatus();
    }
}
