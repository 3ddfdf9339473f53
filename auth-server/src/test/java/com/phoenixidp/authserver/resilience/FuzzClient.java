package com.phoenixidp.authserver.resilience;

import com.phoenixidp.authserver.OAuthTestClient;
import com.phoenixidp.authserver.OAuthTestClient.AuthorizationRequest;
import com.phoenixidp.authserver.TestData;
import com.phoenixidp.authserver.resilience.FuzzRequest.Credentials;
import com.phoenixidp.authserver.resilience.FuzzTarget.Auth;
import com.phoenixidp.authserver.resilience.RawHttp.Answer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Sends the fuzz test's requests with the credentials each endpoint takes: client secrets, admin
 * and registrar access tokens, a user's access token, and a signed-in browser (session cookie
 * and CSRF token) as {@code fuzz-user}. Tokens are renewed before they expire and the browser
 * signs in again when a request ended its session, so a long run keeps reaching the endpoints.
 */
final class FuzzClient {

    static final String USER = "fuzz-user";

    static final String PASSWORD = "fuzz-user-password-1";

    private static final Duration TOKEN_REUSE = Duration.ofMinutes(3);

    private static final Pattern CSRF_INPUT = Pattern.compile(
            "name=\"_csrf\"\\s+(?:value|content)=\"([^\"]+)\"|(?:value|content)=\"([^\"]+)\"\\s+name=\"_csrf\"");

    private static final Pattern SESSION_COOKIE = Pattern.compile("PHOENIXSESSION=([^;]*)");

    private final RawHttp http;

    private final String baseUrl;

    private final JdbcTemplate jdbc;

    private final Map<Auth, String> tokens = new EnumMap<>(Auth.class);

    private final Map<Auth, Instant> issued = new EnumMap<>(Auth.class);

    private String session;

    private String csrf;

    FuzzClient(RawHttp http, String baseUrl, JdbcTemplate jdbc) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.jdbc = jdbc;
    }

    /** Sends {@code request}, adding its credentials. */
    Answer send(FuzzRequest request) throws IOException {
        List<String[]> headers = new ArrayList<>(request.headers());
        byte[] body = request.body();
        if (request.contentType() != null) {
            headers.add(new String[] {"Content-Type", request.contentType()});
        }
        Auth auth = request.target().auth();
        boolean browser = auth == Auth.BROWSER && request.credentials() == Credentials.VALID;
        if (browser) {
            signInIfNeeded();
            if (this.session != null) {
                headers.add(new String[] {"Cookie", "PHOENIXSESSION=" + this.session});
                headers.add(new String[] {"X-CSRF-TOKEN", this.csrf});
                if (body != null
                        && request.contentType() != null
                        && request.contentType().startsWith("application/x-www")) {
                    body = concat(body, ("&_csrf=" + FuzzRequests.encode(this.csrf)).getBytes(StandardCharsets.UTF_8));
                }
            }
        } else {
            String authorization = authorization(auth, request.credentials());
            if (authorization != null) {
                headers.add(new String[] {"Authorization", authorization});
            }
        }
        byte[] target = (request.path() + request.query()).getBytes(StandardCharsets.UTF_8);
        Answer answer = this.http.send(request.method(), target, headers, body);
        if (browser && endedSession(answer)) {
            this.session = null;
        }
        return answer;
    }

    private String authorization(Auth auth, Credentials credentials) throws IOException {
        return switch (credentials) {
            case NONE -> null;
            case BROKEN_BASIC -> "Basic " + "%%%:::";
            case BROKEN_BEARER -> "Bearer x.y.z";
            case FORGED_JWT ->
                // alg none, scope phoenix.admin, no signature
                "Bearer eyJhbGciOiJub25lIiwidHlwIjoiYXQrand0In0.eyJzdWIiOiJhZG1pbi10b29sIiwic2NvcGUiOiJwaG9lbml4LmFkbWluIn0.";
            case VALID ->
                switch (auth) {
                    case NONE, BROWSER -> null;
                    case SERVICE_BASIC -> OAuthTestClient.basicAuth(TestData.SERVICE, TestData.SERVICE_SECRET);
                    case LEGACY_BASIC -> OAuthTestClient.basicAuth("legacy-app", "legacy-secret-0123456789-0123456789");
                    case ADMIN_BEARER, REGISTRAR_BEARER, USER_BEARER -> "Bearer " + token(auth);
                };
        };
    }

    /** A current access token of the kind {@code auth} names. */
    private String token(Auth auth) {
        Instant when = this.issued.get(auth);
        if (when == null || when.plus(TOKEN_REUSE).isBefore(Instant.now())) {
            OAuthTestClient client = new OAuthTestClient(this.baseUrl);
            String token = switch (auth) {
                case ADMIN_BEARER ->
                    (String) client.clientCredentialsBasic(
                                    TestData.ADMIN_TOOL, TestData.ADMIN_TOOL_SECRET, "phoenix.admin")
                            .json()
                            .get("access_token");
                case REGISTRAR_BEARER ->
                    (String) client.clientCredentialsBasic(
                                    TestData.REGISTRAR, TestData.REGISTRAR_SECRET, "client.create")
                            .json()
                            .get("access_token");
                default -> userAccessToken(client);
            };
            this.tokens.put(auth, token);
            this.issued.put(auth, Instant.now());
        }
        return this.tokens.get(auth);
    }

    private String userAccessToken(OAuthTestClient client) {
        resetUser();
        OAuthTestClient.Pkce pkce = OAuthTestClient.pkce();
        OAuthTestClient.AuthorizationResult result = client.authorize(
                new AuthorizationRequest(TestData.WEB, TestData.WEB_REDIRECT, "openid profile").pkce(pkce),
                USER,
                PASSWORD);
        return (String) client.exchangeCodeBasic(
                        TestData.WEB, TestData.WEB_SECRET, result.code(), TestData.WEB_REDIRECT, pkce.verifier())
                .json()
                .get("access_token");
    }

    /** Signs the browser in as {@link #USER} when it has no session (first use, or a request ended it). */
    private void signInIfNeeded() throws IOException {
        if (this.session != null) {
            return;
        }
        resetUser();
        Answer page = this.http.send("GET", "/login".getBytes(StandardCharsets.UTF_8), List.of(), null);
        String cookie = cookie(page);
        String token = csrf(page.text());
        if (cookie == null || token == null) {
            return;
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("username", USER);
        form.put("password", PASSWORD);
        form.put("_csrf", token);
        Answer login = this.http.send(
                "POST",
                "/login".getBytes(StandardCharsets.UTF_8),
                List.of(
                        new String[] {"Cookie", "PHOENIXSESSION=" + cookie},
                        new String[] {"Content-Type", "application/x-www-form-urlencoded"}),
                FuzzRequests.form(form).getBytes(StandardCharsets.UTF_8));
        String signedIn = (cookie(login) != null) ? cookie(login) : cookie;
        Answer account = this.http.send(
                "GET",
                "/account".getBytes(StandardCharsets.UTF_8),
                List.of(new String[] {"Cookie", "PHOENIXSESSION=" + signedIn}, new String[] {"Accept", "text/html"}),
                null);
        String accountCsrf = csrf(account.text());
        if (account.status() == 200 && accountCsrf != null) {
            this.session = signedIn;
            this.csrf = accountCsrf;
        }
    }

    /** Undoes what fuzzed account requests may have done to the fuzz user (a lock, a second factor). */
    private void resetUser() {
        this.jdbc.update(
                "UPDATE phoenix_user SET mfa = NULL, failed_logins = 0, locked_until = NULL, enabled = TRUE"
                        + " WHERE username = ?",
                USER);
    }

    private static boolean endedSession(Answer answer) {
        String location = answer.header("Location").orElse("");
        return (answer.status() == 302 && location.contains("/login")) || answer.status() == 403;
    }

    private static String cookie(Answer answer) {
        for (String[] header : answer.headers()) {
            if (header[0].equalsIgnoreCase("Set-Cookie")) {
                Matcher matcher = SESSION_COOKIE.matcher(header[1]);
                if (matcher.find() && !matcher.group(1).isEmpty()) {
                    return matcher.group(1);
                }
            }
        }
        return null;
    }

    private static String csrf(String html) {
        Matcher matcher = CSRF_INPUT.matcher(html);
        if (!matcher.find()) {
            return null;
        }
        return (matcher.group(1) != null) ? matcher.group(1) : matcher.group(2);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
