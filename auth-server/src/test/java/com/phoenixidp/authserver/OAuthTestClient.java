package com.phoenixidp.authserver;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.phoenixidp.crypto.jws.Ed25519;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small user agent and OAuth client for the integration tests, on {@link HttpClient}: no
 * automatic redirects (every hop is visible to the test), its own cookie store per instance (one
 * instance = one browser), form posts with optional HTTP Basic client authentication (RFC 6749
 * section 2.3.1), the real login and consent pages, and the authorization code flow with PKCE
 * (RFC 7636, S256).
 */
public final class OAuthTestClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final SecureRandom RANDOM = new SecureRandom();

    private static final Pattern INPUT = Pattern.compile("<input\\b[^>]*>", Pattern.CASE_INSENSITIVE);

    private final String baseUrl;

    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

    private final HttpClient http;

    private final List<String> consentPages = new ArrayList<>();

    private final Map<String, String> everyRequest = new LinkedHashMap<>();

    public OAuthTestClient(String baseUrl) {
        this.baseUrl = baseUrl;
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .cookieHandler(this.cookies)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    public String baseUrl() {
        return this.baseUrl;
    }

    /**
     * Sends this header with every request from now on, e.g. {@code X-Forwarded-For} to come
     * "from" another address (the test profile believes forwarded headers from 127.0.0.1).
     */
    public OAuthTestClient withHeader(String name, String value) {
        this.everyRequest.put(name, value);
        return this;
    }

    /** One HTTP response, body read as text. */
    public record Response(int status, Map<String, List<String>> headers, String body) {

        public Optional<String> header(String name) {
            return this.headers.entrySet().stream()
                    .filter((e) -> e.getKey().equalsIgnoreCase(name))
                    .flatMap((e) -> e.getValue().stream())
                    .findFirst();
        }

        public String location() {
            return header("Location").orElse(null);
        }

        public Map<String, Object> json() {
            return parseJson(this.body);
        }

        public boolean isRedirect() {
            return this.status >= 300 && this.status < 400;
        }
    }

    /** A PKCE pair (RFC 7636 section 4.1-4.2, S256). */
    public record Pkce(String verifier, String challenge) {}

    /** What came back to the client's redirect URI, or the response that ended the flow. */
    public record AuthorizationResult(String location, Map<String, String> params, Response lastResponse) {

        public String code() {
            return (this.params != null) ? this.params.get("code") : null;
        }

        public String error() {
            return (this.params != null) ? this.params.get("error") : null;
        }

        public boolean redirectedToClient() {
            return this.params != null;
        }
    }

    /** How the flow answers a consent page. */
    public enum Consent {
        APPROVE,
        DENY
    }

    /** An authorization request (RFC 6749 section 4.1.1 with PKCE and OIDC parameters). */
    public static final class AuthorizationRequest {

        final Map<String, String> params = new LinkedHashMap<>();

        /** Repeated parameters (RFC 8707 {@code resource}), after {@link #params}. */
        final List<Map.Entry<String, String>> repeated = new ArrayList<>();

        public AuthorizationRequest(String clientId, String redirectUri, String scope) {
            this.params.put("response_type", "code");
            this.params.put("client_id", clientId);
            this.params.put("redirect_uri", redirectUri);
            this.params.put("scope", scope);
            this.params.put("state", randomToken());
        }

        public AuthorizationRequest pkce(Pkce pkce) {
            this.params.put("code_challenge", pkce.challenge());
            this.params.put("code_challenge_method", "S256");
            return this;
        }

        public AuthorizationRequest param(String name, String value) {
            if (value == null) {
                this.params.remove(name);
            } else {
                this.params.put(name, value);
            }
            return this;
        }

        /** Adds one more value of a parameter that may repeat (RFC 8707 {@code resource}). */
        public AuthorizationRequest add(String name, String value) {
            this.repeated.add(Map.entry(name, value));
            return this;
        }

        public String redirectUri() {
            return this.params.get("redirect_uri");
        }

        public String state() {
            return this.params.get("state");
        }

        public String query() {
            StringBuilder query = new StringBuilder(formEncode(this.params));
            this.repeated.forEach(
                    (p) -> query.append('&').append(enc(p.getKey())).append('=').append(enc(p.getValue())));
            return query.toString();
        }
    }

    // ---------------------------------------------------------------- plain HTTP

    public Response get(String pathOrUrl, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(pathOrUrl)).GET();
        addHeaders(request, headers);
        return send(request);
    }

    /** A browser navigation: asks for HTML, as a browser does. */
    public Response browse(String pathOrUrl) {
        return get(pathOrUrl, "Accept", "text/html,application/xhtml+xml");
    }

    public Response postForm(String path, Map<String, String> form) {
        return postForm(path, form, null, null);
    }

    /** Form POST; with {@code basicUser} set, client authentication by HTTP Basic (RFC 6749 2.3.1). */
    public Response postForm(String path, Map<String, String> form, String basicUser, String basicPassword) {
        List<String> headers = new ArrayList<>();
        if (basicUser != null) {
            headers.add("Authorization");
            headers.add(basicAuth(basicUser, basicPassword));
        }
        return post(path, "application/x-www-form-urlencoded", formEncode(form), headers.toArray(String[]::new));
    }

    /** Form POST with extra headers as name, value pairs (e.g. {@code "DPoP", proof}). */
    public Response postFormWithHeaders(String path, Map<String, String> form, String... headers) {
        return post(path, "application/x-www-form-urlencoded", formEncode(form), headers);
    }

    public Response post(String path, String contentType, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        addHeaders(request, headers);
        return send(request);
    }

    /** Any method with an optional body (PUT, DELETE, ...). */
    public Response send(String method, String path, String contentType, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .method(
                        method,
                        (body != null)
                                ? HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)
                                : HttpRequest.BodyPublishers.noBody());
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        addHeaders(request, headers);
        return send(request);
    }

    /** JSON (a map, list, string, number ...) as text. */
    public static String toJson(Object value) {
        return JSON.writeValueAsString(value);
    }

    // ---------------------------------------------------------------- pages

    /** Signs in through the real login page; returns the answer to the POST (a redirect). */
    public Response login(String username, String password) {
        Response page = browse("/login");
        if (page.status() != 200) {
            throw new AssertionError("GET /login answered " + page.status());
        }
        Map<String, String> form = formInputs(page.body(), "login-form");
        if (!form.containsKey("_csrf")) {
            throw new AssertionError("the login form has no hidden _csrf input");
        }
        form.put("username", username);
        form.put("password", password);
        return postForm("/login", form);
    }

    /** True when a login answer is the success redirect (not back to {@code /login?error}). */
    public static boolean loginSucceeded(Response loginResponse) {
        return loginResponse.isRedirect() && !loginResponse.location().contains("/login");
    }

    /**
     * The authorization code flow as a browser runs it: authorize, sign in when asked, answer the
     * consent page when shown, until the server sends the browser to the client's redirect URI.
     */
    public AuthorizationResult authorize(
            AuthorizationRequest request, String username, String password, Consent consent) {
        Response response = browse("/oauth2/authorize?" + request.query());
        for (int hop = 0; hop < 10; hop++) {
            if (!response.isRedirect()) {
                if (response.status() == 200 && response.body().contains("id=\"consent-form\"")) {
                    this.consentPages.add(response.body());
                    response = answerConsent(response.body(), consent);
                    continue;
                }
                return new AuthorizationResult(null, null, response);
            }
            String location = absolute(response.location());
            if (location.startsWith(request.redirectUri())) {
                return new AuthorizationResult(location, queryParams(location), response);
            }
            URI target = URI.create(location);
            if ("/login".equals(target.getPath())) {
                if (target.getQuery() != null && target.getQuery().contains("error")) {
                    return new AuthorizationResult(location, null, response);
                }
                response = login(username, password);
                continue;
            }
            response = browse(location);
        }
        throw new AssertionError("Too many redirects in the authorization flow");
    }

    /** The consent pages this browser was shown, oldest first. */
    public List<String> consentPages() {
        return List.copyOf(this.consentPages);
    }

    public AuthorizationResult authorize(AuthorizationRequest request, String username, String password) {
        return authorize(request, username, password, Consent.APPROVE);
    }

    private Response answerConsent(String html, Consent consent) {
        String formId = (consent == Consent.APPROVE) ? "consent-form" : "consent-deny-form";
        Map<String, List<String>> inputs = formInputsMulti(html, formId);
        String action = formAction(html, formId);
        StringBuilder body = new StringBuilder();
        inputs.forEach((name, values) -> values.forEach((value) -> {
            if (body.length() > 0) {
                body.append('&');
            }
            body.append(enc(name)).append('=').append(enc(value));
        }));
        return post(action, "application/x-www-form-urlencoded", body.toString(), "Accept", "text/html");
    }

    // ---------------------------------------------------------------- token endpoint

    /** Code exchange (RFC 6749 section 4.1.3) by a client authenticating with HTTP Basic. */
    public Response exchangeCodeBasic(
            String clientId, String secret, String code, String redirectUri, String verifier) {
        return postForm("/oauth2/token", codeForm(code, redirectUri, verifier, null), clientId, secret);
    }

    /** Code exchange with the client's credentials in the body (client_secret_post). */
    public Response exchangeCodePost(String clientId, String secret, String code, String redirectUri, String verifier) {
        Map<String, String> form = codeForm(code, redirectUri, verifier, clientId);
        form.put("client_secret", secret);
        return postForm("/oauth2/token", form);
    }

    /** Code exchange by a public client (auth method none: client_id only). */
    public Response exchangeCodePublic(String clientId, String code, String redirectUri, String verifier) {
        return postForm("/oauth2/token", codeForm(code, redirectUri, verifier, clientId));
    }

    public Response refreshBasic(String clientId, String secret, String refreshToken) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        return postForm("/oauth2/token", form, clientId, secret);
    }

    public Response clientCredentialsBasic(String clientId, String secret, String scope) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        if (scope != null) {
            form.put("scope", scope);
        }
        return postForm("/oauth2/token", form, clientId, secret);
    }

    /** RFC 7662 introspection, the caller authenticating with HTTP Basic. */
    public Map<String, Object> introspect(String clientId, String secret, String token) {
        Response response = postForm("/oauth2/introspect", Map.of("token", token), clientId, secret);
        if (response.status() != 200) {
            throw new AssertionError("introspection answered " + response.status() + ": " + response.body());
        }
        return response.json();
    }

    /** RFC 7009 revocation, the caller authenticating with HTTP Basic. */
    public Response revoke(String clientId, String secret, String token, String hint) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", token);
        if (hint != null) {
            form.put("token_type_hint", hint);
        }
        return postForm("/oauth2/revoke", form, clientId, secret);
    }

    private static Map<String, String> codeForm(String code, String redirectUri, String verifier, String clientId) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri);
        if (verifier != null) {
            form.put("code_verifier", verifier);
        }
        if (clientId != null) {
            form.put("client_id", clientId);
        }
        return form;
    }

    // ---------------------------------------------------------------- JWTs

    /** The server's current JWK set (RFC 7517), fetched over HTTP. */
    public JWKSet jwks() {
        Response response = get("/oauth2/jwks");
        if (response.status() != 200) {
            throw new AssertionError("JWKS answered " + response.status());
        }
        try {
            return JWKSet.parse(response.body());
        } catch (ParseException ex) {
            throw new AssertionError("JWKS is not a JWK set", ex);
        }
    }

    /** Verifies the JWT's signature with the key its {@code kid} names in the JWK set; its claims. */
    public static JWTClaimsSet verifiedClaims(String jwt, JWKSet jwks) {
        try {
            SignedJWT signed = SignedJWT.parse(jwt);
            JWK key = jwks.getKeyByKeyId(signed.getHeader().getKeyID());
            if (key == null) {
                throw new AssertionError("kid " + signed.getHeader().getKeyID() + " is not in the JWK set");
            }
            JWSVerifier verifier;
            if (key instanceof RSAKey rsa) {
                verifier = new RSASSAVerifier(rsa);
            } else if (key instanceof OctetKeyPair okp) {
                verifier = Ed25519.verifier(okp); // EdDSA (RFC 8037) with the JDK, as the server signs
            } else {
                verifier = new ECDSAVerifier((ECKey) key);
            }
            if (!signed.verify(verifier)) {
                throw new AssertionError("signature of the JWT does not verify with kid " + key.getKeyID());
            }
            return signed.getJWTClaimsSet();
        } catch (ParseException | JOSEException ex) {
            throw new AssertionError("not a verifiable JWT", ex);
        }
    }

    public static String kidOf(String jwt) {
        try {
            return SignedJWT.parse(jwt).getHeader().getKeyID();
        } catch (ParseException ex) {
            throw new AssertionError("not a JWT", ex);
        }
    }

    // ---------------------------------------------------------------- helpers

    public static Pkce pkce() {
        String verifier = randomToken() + randomToken();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return new Pkce(verifier, Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    public static String randomToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static Map<String, Object> parseJson(String body) {
        return JSON.readValue(body, new TypeReference<Map<String, Object>>() {});
    }

    public static String basicAuth(String user, String password) {
        // RFC 6749 section 2.3.1: form-urlencode the id and secret before Basic encoding
        String credentials = enc(user) + ":" + enc(password);
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    public static Map<String, String> queryParams(String url) {
        Map<String, String> params = new LinkedHashMap<>();
        String query = URI.create(url).getRawQuery();
        if (query == null) {
            return params;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode((eq < 0) ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = (eq < 0) ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.putIfAbsent(name, value);
        }
        return params;
    }

    /** The named inputs of the form with this id (last value wins), HTML entities decoded. */
    public static Map<String, String> formInputs(String html, String formId) {
        Map<String, String> single = new LinkedHashMap<>();
        formInputsMulti(html, formId).forEach((name, values) -> single.put(name, values.get(values.size() - 1)));
        return single;
    }

    static Map<String, List<String>> formInputsMulti(String html, String formId) {
        String form = formHtml(html, formId);
        Map<String, List<String>> inputs = new LinkedHashMap<>();
        Matcher matcher = INPUT.matcher(form);
        while (matcher.find()) {
            String tag = matcher.group();
            String name = attribute(tag, "name");
            if (name == null) {
                continue;
            }
            String type = attribute(tag, "type");
            if ("checkbox".equalsIgnoreCase(type) && !tag.matches("(?s).*\\schecked\\b.*")) {
                continue;
            }
            String value = attribute(tag, "value");
            inputs.computeIfAbsent(name, (n) -> new ArrayList<>()).add((value != null) ? value : "");
        }
        return inputs;
    }

    static String formAction(String html, String formId) {
        String form = formHtml(html, formId);
        String open = form.substring(0, form.indexOf('>') + 1);
        String action = attribute(open, "action");
        return (action != null) ? action : "";
    }

    private static String formHtml(String html, String formId) {
        int idAt = html.indexOf("id=\"" + formId + "\"");
        if (idAt < 0) {
            throw new AssertionError("no form with id " + formId + " in page:\n" + html);
        }
        int start = html.lastIndexOf("<form", idAt);
        int end = html.indexOf("</form>", idAt);
        return html.substring(start, end);
    }

    private static String attribute(String tag, String name) {
        Matcher m = Pattern.compile("\\s" + name + "=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE)
                .matcher(tag);
        return m.find() ? HtmlUtils.htmlUnescape(m.group(1)) : null;
    }

    static String formEncode(Map<String, String> form) {
        StringBuilder body = new StringBuilder();
        form.forEach((name, value) -> {
            if (body.length() > 0) {
                body.append('&');
            }
            body.append(enc(name)).append('=').append(enc(value));
        });
        return body.toString();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private String absolute(String location) {
        return location.startsWith("/") ? this.baseUrl + location : location;
    }

    private URI uri(String pathOrUrl) {
        return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : this.baseUrl + pathOrUrl);
    }

    private static void addHeaders(HttpRequest.Builder request, String... headers) {
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
    }

    private Response send(HttpRequest.Builder request) {
        this.everyRequest.forEach(request::header);
        try {
            HttpResponse<String> response = this.http.send(
                    request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
