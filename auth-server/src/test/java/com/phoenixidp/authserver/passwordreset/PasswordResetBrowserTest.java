package com.phoenixidp.authserver.passwordreset;

import static com.phoenixidp.authserver.TestData.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.phoenixidp.authserver.ChromeBrowser;
import com.phoenixidp.authserver.OAuthTestClient;
import com.phoenixidp.authserver.OAuthTestClient.AuthorizationRequest;
import com.phoenixidp.authserver.OAuthTestClient.AuthorizationResult;
import com.phoenixidp.authserver.OAuthTestClient.Pkce;
import com.phoenixidp.authserver.OAuthTestClient.Response;
import com.phoenixidp.authserver.PhoenixAuthServerApplication;
import com.phoenixidp.authserver.TestKeys;
import com.phoenixidp.authserver.TestPorts;
import com.phoenixidp.authserver.audit.AuditLog;
import com.phoenixidp.authserver.token.TokenHashes;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.util.HtmlUtils;

/**
 * The forgotten-password flow end to end: a real SMTP server (GreenMail) started here, the
 * application started on its own data directory with {@code spring.mail.host} pointing at it
 * (the shared test application has no mail server, see {@link PasswordResetNotOfferedIntegrationTest}),
 * and a real browser following the link from the mail. Also: expired and reused links, two
 * concurrent uses of one link, the same answer for unknown addresses, a link built from
 * {@code phoenix.issuer} whatever Host header the request had, and no token in the log.
 */
@ExtendWith(OutputCaptureExtension.class)
class PasswordResetBrowserTest {

    private static final Pattern LINK = Pattern.compile("(\\S+/reset-password\\?token=([A-Za-z0-9_-]+))");

    @TempDir
    static Path dataDir;

    private static GreenMail smtp;

    private static ConfigurableApplicationContext app;

    private static int port;

    private static String issuer;

    private static JdbcTemplate jdbc;

    private ChromeBrowser browser;

    @BeforeAll
    static void startMailServerAndApplication() throws IOException {
        smtp = new GreenMail(new ServerSetup(TestPorts.findFreePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        port = TestPorts.findFreePort();
        issuer = "http://localhost:" + port;
        Path masterKey = dataDir.resolve("master.key");
        Files.writeString(masterKey, TestKeys.MASTER_KEY_BASE64);
        // settings as command-line arguments: application.yml would override default properties
        app = new SpringApplicationBuilder(PhoenixAuthServerApplication.class)
                .profiles("test")
                .run(
                        "--server.port=" + port,
                        "--phoenix.issuer=" + issuer,
                        "--phoenix.data-dir=" + dataDir,
                        "--phoenix.master-key-file=" + masterKey,
                        "--spring.mail.host=127.0.0.1",
                        "--spring.mail.port=" + smtp.getSmtp().getPort(),
                        // tests ask for several links in a row
                        "--phoenix.password-reset.resend-interval=0s");
        jdbc = app.getBean(JdbcTemplate.class);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    @BeforeEach
    void emptyMailboxes() throws Exception {
        smtp.purgeEmailFromAllMailboxes();
    }

    @AfterEach
    void stopBrowser() {
        if (this.browser != null) {
            this.browser.close();
        }
    }

    @Test
    void resetWhenLinkFromMailThenNewPasswordWorksEverythingElseEndsAndLinkWorksOnce(CapturedOutput output)
            throws Exception {
        String user = "reset-user";
        String oldPassword = "reset-user-password-1";
        String newPassword = "a fresh passphrase for reset-user";
        OAuthTestClient otherDevice = new OAuthTestClient(issuer);
        String refreshToken = signInAtWebApp(otherDevice, user, oldPassword);
        this.browser = ChromeBrowser.start(issuer);

        this.browser.open("/login");
        this.browser.click("forgot-password");
        this.browser.waitForPath("/forgot-password");
        this.browser.element("email").sendKeys("reset-user@example.com");
        this.browser.click("send-reset");
        this.browser.element("reset-sent");

        MimeMessage mail = awaitMailTo("reset-user@example.com");
        String link = link(mail);
        String token = tokenOf(link);
        assertThat(link).isEqualTo(issuer + "/reset-password?token=" + token);
        assertThat(Base64.getUrlDecoder().decode(token)).as("256 random bits").hasSize(32);
        assertThat(jdbc.queryForList("SELECT token_hash FROM phoenix_password_reset", String.class))
                .as("only the token's hash is stored")
                .contains(TokenHashes.hash(token))
                .noneMatch((stored) -> stored.contains(token));
        OffsetDateTime expires = jdbc.queryForObject(
                "SELECT expires_at FROM phoenix_password_reset WHERE token_hash = ?",
                OffsetDateTime.class,
                TokenHashes.hash(token));
        assertThat(Duration.between(OffsetDateTime.now(ZoneOffset.UTC), expires))
                .as("valid 15 minutes by default")
                .isBetween(Duration.ofMinutes(14), Duration.ofMinutes(15));

        this.browser.open(link);
        assertThat(this.browser.element("reset-user").getText()).isEqualTo(user);
        this.browser.element("new-password").sendKeys("Football1");
        this.browser.click("reset-password");
        this.browser.waitForText("reset-error", "New password: is too common");
        this.browser.element("new-password").sendKeys(newPassword);
        this.browser.click("reset-password");
        this.browser.waitForPath("/login");
        this.browser.element("password-reset-done");
        this.browser.passwordLogin(user, newPassword);
        this.browser.waitForPath("/");

        assertThat(OAuthTestClient.loginSucceeded(new OAuthTestClient(issuer).login(user, oldPassword)))
                .as("the old password is refused")
                .isFalse();
        Response otherAccount = otherDevice.browse("/account");
        assertThat(otherAccount.status()).as("every session ended").isEqualTo(302);
        assertThat(otherAccount.location()).endsWith("/login");
        Response refreshed = otherDevice.refreshBasic(WEB, WEB_SECRET, refreshToken);
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(400);
        assertThat(refreshed.json()).containsEntry("error", "invalid_grant");

        this.browser.open(link);
        this.browser.element("reset-invalid");
        assertThat(this.browser.driver.findElements(By.id("reset-form")))
                .as("a used link shows no form")
                .isEmpty();

        assertThat(auditTypes(user)).contains("password_reset.requested", "password_reset.completed");
        assertThat(output.getAll())
                .as("the token never reaches the log")
                .contains("event=password_reset.completed")
                .doesNotContain(token);
    }

    @Test
    void resetWhenLinkExpiredThenRefusedAndPasswordUnchanged() throws Exception {
        String user = "reset-expired";
        String password = "reset-expired-password-1";
        OAuthTestClient client = new OAuthTestClient(issuer);
        assertThat(requestReset(client, "reset-expired@example.com").status()).isEqualTo(302);
        String token = tokenOf(link(awaitMailTo("reset-expired@example.com")));
        jdbc.update(
                "UPDATE phoenix_password_reset SET expires_at = ? WHERE token_hash = ?",
                OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1),
                TokenHashes.hash(token));
        this.browser = ChromeBrowser.start(issuer);

        this.browser.open("/reset-password?token=" + token);
        this.browser.element("reset-invalid");
        this.browser.element("request-new-link");
        Response post = postReset(client, token, "an expired link cannot set this");

        assertThat(post.status()).isEqualTo(200);
        assertThat(post.body()).contains("id=\"reset-invalid\"");
        assertThat(OAuthTestClient.loginSucceeded(new OAuthTestClient(issuer).login(user, password)))
                .as("the password is unchanged")
                .isTrue();
    }

    @Test
    void resetWhenSameLinkUsedTwiceAtOnceThenExactlyOneWins() throws Exception {
        OAuthTestClient first = new OAuthTestClient(issuer);
        OAuthTestClient second = new OAuthTestClient(issuer);
        requestReset(first, "reset-race@example.com");
        String token = tokenOf(link(awaitMailTo("reset-race@example.com")));
        Map<String, String> firstForm = resetForm(first, token);
        Map<String, String> secondForm = resetForm(second, token);
        CountDownLatch go = new CountDownLatch(1);

        CompletableFuture<Response> a =
                CompletableFuture.supplyAsync(() -> postWhenReleased(go, first, firstForm, "first racing passphrase"));
        CompletableFuture<Response> b = CompletableFuture.supplyAsync(
                () -> postWhenReleased(go, second, secondForm, "second racing passphrase"));
        go.countDown();
        List<Response> answers = List.of(a.get(), b.get());

        assertThat(answers.stream()
                        .filter((r) -> r.status() == 302 && r.location().endsWith("/login?reset")))
                .hasSize(1);
        assertThat(answers.stream().filter((r) -> r.status() == 200 && r.body().contains("id=\"reset-invalid\"")))
                .hasSize(1);
        // each wrong try starts the account's back-off (PasswordThrottle): cleared before every try
        long working = List.of("first racing passphrase", "second racing passphrase").stream()
                .filter((p) -> {
                    app.getBean(com.phoenixidp.authserver.user.PasswordThrottle.class)
                            .reset("reset-race");
                    return OAuthTestClient.loginSucceeded(new OAuthTestClient(issuer).login("reset-race", p));
                })
                .count();
        assertThat(working).isEqualTo(1);
    }

    @Test
    void requestWhenUnknownAddressOrForeignHostHeaderThenSameAnswerNoMailAndLinkFromIssuer() throws Exception {
        String attacker = "attacker.example";
        RawResponse form = raw("GET", "/forgot-password", attacker, null, null);
        String cookie = form.cookie();
        String csrf = OAuthTestClient.formInputs(form.body(), "forgot-form").get("_csrf");

        RawResponse unknown =
                raw("POST", "/forgot-password", attacker, cookie, "_csrf=" + csrf + "&email=nobody%40example.com");
        RawResponse known =
                raw("POST", "/forgot-password", attacker, cookie, "_csrf=" + csrf + "&email=Reset-Host%40Example.com");

        assertThat(unknown.statusLine()).isEqualTo(known.statusLine()).contains(" 302");
        assertThat(unknown.header("Location")).isEqualTo(known.header("Location"));
        MimeMessage mail = awaitMailTo("reset-host@example.com");
        assertThat(link(mail))
                .as("built from phoenix.issuer, not from the Host header")
                .startsWith(issuer + "/reset-password?token=")
                .doesNotContain(attacker);
        assertThat(mail.getContent().toString()).doesNotContain(attacker);
        // one mail thread takes requests in order: the unknown address was handled before this mail
        assertThat(smtp.getReceivedMessages())
                .as("no mail for the unknown address")
                .hasSize(1);
        OAuthTestClient plain = new OAuthTestClient(issuer);
        Response sentPage = plain.browse("/forgot-password?sent");
        assertThat(sentPage.body()).contains("id=\"reset-sent\"", "If an account uses that address");
    }

    // ---------------------------------------------------------------- helpers

    private static String signInAtWebApp(OAuthTestClient device, String user, String password) {
        Pkce pkce = OAuthTestClient.pkce();
        AuthorizationResult result =
                device.authorize(new AuthorizationRequest(WEB, WEB_REDIRECT, "openid").pkce(pkce), user, password);
        Response tokens = device.exchangeCodeBasic(WEB, WEB_SECRET, result.code(), WEB_REDIRECT, pkce.verifier());
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        return (String) tokens.json().get("refresh_token");
    }

    private static Response requestReset(OAuthTestClient client, String email) {
        Map<String, String> form =
                OAuthTestClient.formInputs(client.browse("/forgot-password").body(), "forgot-form");
        form.put("email", email);
        return client.postForm("/forgot-password", form);
    }

    private static Map<String, String> resetForm(OAuthTestClient client, String token) {
        Response page = client.browse("/reset-password?token=" + token);
        assertThat(page.body()).contains("id=\"reset-form\"");
        return OAuthTestClient.formInputs(page.body(), "reset-form");
    }

    private static Response postReset(OAuthTestClient client, String token, String newPassword) {
        Map<String, String> form =
                OAuthTestClient.formInputs(client.browse("/forgot-password").body(), "forgot-form");
        return client.postForm(
                "/reset-password", Map.of("_csrf", form.get("_csrf"), "token", token, "new-password", newPassword));
    }

    private static Response postWhenReleased(
            CountDownLatch go, OAuthTestClient client, Map<String, String> form, String newPassword) {
        try {
            go.await();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
        Map<String, String> filled = new java.util.HashMap<>(form);
        filled.put("new-password", newPassword);
        return client.postForm("/reset-password", filled);
    }

    private static MimeMessage awaitMailTo(String address) throws Exception {
        assertThat(smtp.waitForIncomingEmail(30_000, 1)).as("a mail arrived").isTrue();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            if (Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                    .anyMatch((a) -> a.toString().equalsIgnoreCase(address))) {
                return message;
            }
        }
        throw new AssertionError("no mail to " + address);
    }

    private static String link(MimeMessage mail) throws Exception {
        Matcher m = LINK.matcher(mail.getContent().toString());
        assertThat(m.find()).as("a reset link in the mail").isTrue();
        return m.group(1);
    }

    private static String tokenOf(String link) {
        return link.substring(link.indexOf("token=") + "token=".length());
    }

    private static List<String> auditTypes(String user) {
        app.getBean(AuditLog.class).flush();
        return jdbc.queryForList(
                "SELECT event_type FROM phoenix_audit_event WHERE username = ? ORDER BY id", String.class, user);
    }

    /** An HTTP/1.0 exchange over a plain socket, so the Host header can be anything. */
    private static RawResponse raw(String method, String path, String host, String cookie, String form) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            StringBuilder request = new StringBuilder()
                    .append(method)
                    .append(' ')
                    .append(path)
                    .append(" HTTP/1.0\r\nHost: ")
                    .append(host)
                    .append("\r\nX-Forwarded-Host: ")
                    .append(host)
                    .append("\r\nAccept: text/html\r\n");
            if (cookie != null) {
                request.append("Cookie: ").append(cookie).append("\r\n");
            }
            byte[] body = (form != null) ? form.getBytes(StandardCharsets.UTF_8) : new byte[0];
            if (form != null) {
                request.append("Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ")
                        .append(body.length)
                        .append("\r\n");
            }
            request.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            return new RawResponse(text.substring(0, split), HtmlUtils.htmlUnescape(text.substring(split + 4)));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private record RawResponse(String head, String body) {

        String statusLine() {
            return this.head.lines().findFirst().orElse("");
        }

        String header(String name) {
            return this.head
                    .lines()
                    .filter((l) -> l.regionMatches(true, 0, name + ":", 0, name.length() + 1))
                    .map((l) -> l.substring(name.length() + 1).trim())
                    .findFirst()
                    .orElse(null);
        }

        String cookie() {
            List<String> cookies = new ArrayList<>();
            this.head
                    .lines()
                    .filter((l) -> l.regionMatches(true, 0, "Set-Cookie:", 0, 11))
                    .forEach((l) -> cookies.add(l.substring(11).trim().split(";", 2)[0]));
            return String.join("; ", cookies);
        }
    }
}
