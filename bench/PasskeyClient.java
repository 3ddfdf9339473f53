// A software passkey for bench/crash.sh (not part of the build; run with the JDK's source launcher,
// Java 17 or later, nothing but the JDK):
//
//   java bench/PasskeyClient.java register BASE USERNAME PASSWORD_FILE OUT_FILE STOP_FILE ERRORS_FILE READY_FILE
//       Signs in with the password as a browser would (login form, CSRF token, session cookie), then
//       adds passkeys to the account through the account page's endpoints (/account/passkeys/options,
//       /account/passkeys) until STOP_FILE exists or the server stops answering. Each passkey is a
//       fresh P-256 key with a "none" attestation; OUT_FILE gets one line per passkey the server
//       acknowledged (200 with status ok): "<credential id> <user handle> <PKCS#8 private key>",
//       base64url. Any other answer goes to ERRORS_FILE and ends the loop. READY_FILE is created once
//       signed in.
//
//   java bench/PasskeyClient.java verify BASE IN_FILE
//       Signs in with every passkey of IN_FILE, username-less as the login page's button does
//       (/passkey/login/options, /passkey/login), each in a session of its own, and prints per
//       passkey "good <credential id>" or "lost <credential id> <HTTP status> <answer>".
//
// The origin is BASE (the issuer, e.g. http://localhost:9470); the RP ID comes from the options.

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public final class PasskeyClient {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String base;

    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

    private final HttpClient http;

    private String csrfHeader = "X-CSRF-TOKEN";

    private String csrfToken = "";

    private PasskeyClient(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.http = HttpClient.newBuilder()
                .cookieHandler(this.cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 8 && args[0].equals("register")) {
            Path errors = Path.of(args[6]);
            try {
                register(args[1], args[2], Files.readString(Path.of(args[3])).strip(), Path.of(args[4]),
                        Path.of(args[5]), errors, Path.of(args[7]));
            } catch (RuntimeException ex) { // an answer it cannot use: one line, not a stack trace
                append(errors, "passkey worker: " + ex);
                System.exit(1);
            }
        } else if (args.length == 3 && args[0].equals("verify")) {
            verify(args[1], Path.of(args[2]));
        } else {
            System.err.println("usage: PasskeyClient register BASE USERNAME PASSWORD_FILE OUT STOP ERRORS READY"
                    + " | verify BASE IN_FILE");
            System.exit(2);
        }
    }

    // ------------------------------------------------------------------ register

    private static void register(String base, String username, String password, Path out, Path stop, Path errors,
            Path ready) throws Exception {
        PasskeyClient client = new PasskeyClient(base);
        HttpResponse<String> login;
        try {
            client.readCsrf(client.get("/login"), "/login");
            login = client.signIn(username, password);
        } catch (IOException ex) {
            touch(ready);
            return; // the server is gone
        }
        touch(ready);
        if (login.statusCode() != 302) {
            append(errors, "passkey worker: sign-in answered " + login.statusCode());
            return;
        }
        int n = 0;
        while (!Files.exists(stop)) {
            try {
                HttpResponse<String> page = client.get("/account");
                if (page.statusCode() != 200) {
                    append(errors, "passkey worker: /account answered " + page.statusCode());
                    return;
                }
                client.readCsrf(page, "/account");
                HttpResponse<String> options = client.postJson("/account/passkeys/options", "{}");
                if (options.statusCode() != 200) {
                    append(errors, "passkey worker: registration options answered " + options.statusCode());
                    return;
                }
                String challenge = field(options.body(), "\"challenge\"\\s*:\\s*\"([^\"]+)\"");
                String rpId = field(options.body(), "\"rp\"\\s*:\\s*\\{[^}]*\"id\"\\s*:\\s*\"([^\"]+)\"");
                String userHandle = field(options.body(), "\"user\"\\s*:\\s*\\{[^}]*\"id\"\\s*:\\s*\"([^\"]+)\"");
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"));
                KeyPair key = generator.generateKeyPair();
                byte[] credentialId = new byte[16];
                RANDOM.nextBytes(credentialId);
                byte[] clientData = clientData("webauthn.create", challenge, client.base);
                byte[] authData = concat(
                        sha256(rpId.getBytes(StandardCharsets.UTF_8)),
                        new byte[] {0x45}, // UP, UV, AT
                        new byte[4], // sign count 0
                        new byte[16], // AAGUID
                        new byte[] {(byte) (credentialId.length >> 8), (byte) credentialId.length},
                        credentialId,
                        coseKey((ECPublicKey) key.getPublic()));
                byte[] attestation = concat(
                        new byte[] {(byte) 0xa3},
                        text("fmt"), text("none"),
                        text("attStmt"), new byte[] {(byte) 0xa0},
                        text("authData"), bytes(authData));
                String id = b64u(credentialId);
                String body = "{\"name\":\"crash-" + (++n) + "\",\"credential\":{\"id\":\"" + id + "\",\"rawId\":\"" + id
                        + "\",\"type\":\"public-key\",\"authenticatorAttachment\":\"platform\",\"response\":{"
                        + "\"clientDataJSON\":\"" + b64u(clientData) + "\",\"attestationObject\":\"" + b64u(attestation)
                        + "\",\"transports\":[\"internal\"]},\"clientExtensionResults\":{}}}";
                HttpResponse<String> answer = client.postJson("/account/passkeys", body);
                if (answer.statusCode() != 200 || !answer.body().contains("\"ok\"")) {
                    append(errors, "passkey worker: registration answered " + answer.statusCode() + " " + oneLine(answer.body()));
                    return;
                }
                append(out, id + " " + userHandle + " " + b64u(key.getPrivate().getEncoded()));
            } catch (IOException ex) {
                return; // no answer: the server is gone (a passkey in flight was not acknowledged)
            }
        }
    }

    private HttpResponse<String> signIn(String username, String password) throws IOException {
        String form = "username=" + encode(username) + "&password=" + encode(password) + "&_csrf=" + encode(this.csrfToken);
        for (int attempt = 0; ; attempt++) {
            HttpResponse<String> answer = send(HttpRequest.newBuilder(uri("/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)));
            // 503: the password-hashing bulkhead is full (several sign-ins at once on a small host)
            if (answer.statusCode() != 503 || attempt >= 30) {
                return answer;
            }
            sleep(1000);
        }
    }

    // ------------------------------------------------------------------ verify

    private static void verify(String base, Path in) throws Exception {
        PasskeyClient client = new PasskeyClient(base);
        for (String line : Files.readAllLines(in)) {
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.trim().split(" ");
            String id = parts[0];
            client.cookies.getCookieStore().removeAll(); // a session of its own
            client.readCsrf(client.get("/login"), "/login");
            HttpResponse<String> options = client.postJson("/passkey/login/options", "{}");
            if (options.statusCode() != 200) {
                System.out.println("lost " + id + " " + options.statusCode() + " " + oneLine(options.body()));
                continue;
            }
            String challenge = field(options.body(), "\"challenge\"\\s*:\\s*\"([^\"]+)\"");
            String rpId = field(options.body(), "\"rpId\"\\s*:\\s*\"([^\"]+)\"");
            byte[] clientData = clientData("webauthn.get", challenge, client.base);
            byte[] authData = concat(sha256(rpId.getBytes(StandardCharsets.UTF_8)), new byte[] {0x05}, new byte[4]);
            PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(unb64u(parts[2])));
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(key);
            signer.update(authData);
            signer.update(sha256(clientData));
            String body = "{\"id\":\"" + id + "\",\"rawId\":\"" + id + "\",\"type\":\"public-key\","
                    + "\"authenticatorAttachment\":\"platform\",\"response\":{\"clientDataJSON\":\"" + b64u(clientData)
                    + "\",\"authenticatorData\":\"" + b64u(authData) + "\",\"signature\":\"" + b64u(signer.sign())
                    + "\",\"userHandle\":\"" + parts[1] + "\"},\"clientExtensionResults\":{}}";
            HttpResponse<String> answer = client.postJson("/passkey/login", body);
            if (answer.statusCode() == 200 && answer.body().contains("\"ok\"")) {
                System.out.println("good " + id);
            } else {
                System.out.println("lost " + id + " " + answer.statusCode() + " " + oneLine(answer.body()));
            }
        }
    }

    // ------------------------------------------------------------------ HTTP

    private HttpResponse<String> get(String path) throws IOException {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    private HttpResponse<String> postJson(String path, String json) throws IOException {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header(this.csrfHeader, this.csrfToken)
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
        try {
            return this.http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IOException(ex);
        }
    }

    /** The CSRF token and header name from a page's meta tags. */
    private void readCsrf(HttpResponse<String> page, String path) {
        if (page.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + page.statusCode());
        }
        this.csrfToken = field(page.body(), "<meta name=\"_csrf\" content=\"([^\"]+)\"");
        this.csrfHeader = field(page.body(), "<meta name=\"_csrf_header\" content=\"([^\"]+)\"");
    }

    private URI uri(String path) {
        return URI.create(this.base + path);
    }

    // ------------------------------------------------------------------ WebAuthn data

    private static byte[] clientData(String type, String challenge, String origin) {
        return ("{\"type\":\"" + type + "\",\"challenge\":\"" + challenge + "\",\"origin\":\"" + origin
                + "\",\"crossOrigin\":false}").getBytes(StandardCharsets.UTF_8);
    }

    /** The COSE_Key of an ES256 public key (RFC 9053): {1: 2, 3: -7, -1: 1, -2: x, -3: y}. */
    private static byte[] coseKey(ECPublicKey key) {
        return concat(
                new byte[] {(byte) 0xa5, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01, 0x21},
                bytes(unsigned32(key.getW().getAffineX())),
                new byte[] {0x22},
                bytes(unsigned32(key.getW().getAffineY())));
    }

    private static byte[] unsigned32(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[32];
        int length = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - length, out, 32 - length, length);
        return out;
    }

    /** A CBOR text string (major type 3) shorter than 24 bytes. */
    private static byte[] text(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        return concat(new byte[] {(byte) (0x60 | utf8.length)}, utf8);
    }

    /** A CBOR byte string (major type 2) shorter than 65,536 bytes. */
    private static byte[] bytes(byte[] value) {
        byte[] head = value.length < 24
                ? new byte[] {(byte) (0x40 | value.length)}
                : value.length < 256
                        ? new byte[] {0x58, (byte) value.length}
                        : new byte[] {0x59, (byte) (value.length >> 8), (byte) value.length};
        return concat(head, value);
    }

    // ------------------------------------------------------------------ helpers

    private static String field(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        if (!matcher.find()) {
            throw new IllegalStateException("not found (" + regex + ") in: " + oneLine(text));
        }
        return matcher.group(1);
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int offset = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, offset, part.length);
            offset += part.length;
        }
        return out;
    }

    private static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }

    private static String b64u(byte[] data) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(data);
    }

    private static byte[] unb64u(String data) {
        return Base64.getUrlDecoder().decode(data);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String oneLine(String text) {
        String line = text.replaceAll("\\s+", " ");
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }

    private static void append(Path file, String line) {
        try {
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static void touch(Path file) throws IOException {
        Files.write(file, List.of(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
