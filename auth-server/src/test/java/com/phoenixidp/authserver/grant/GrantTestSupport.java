package com.phoenixidp.authserver.grant;

import com.phoenixidp.authserver.OAuthTestClient;
import com.phoenixidp.authserver.OAuthTestClient.Response;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.util.HtmlUtils;

/** Small helpers of the grant tests: device polling, fragments, and posting a page's form. */
final class GrantTestSupport {

    static final String DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

    private static final Pattern INPUT = Pattern.compile("<input\\b[^>]*>", Pattern.CASE_INSENSITIVE);

    private GrantTestSupport() {}

    static Response deviceAuthorization(OAuthTestClient client, String clientId, String scope) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", clientId);
        form.put("scope", scope);
        return client.postForm("/oauth2/device_authorization", form);
    }

    static Response poll(OAuthTestClient client, String clientId, String deviceCode) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", DEVICE_CODE_GRANT);
        form.put("device_code", deviceCode);
        form.put("client_id", clientId);
        return client.postForm("/oauth2/token", form);
    }

    /** The parameters of a URL's fragment (RFC 6749 section 4.2.2). */
    static Map<String, String> fragmentParams(String url) {
        Map<String, String> params = new LinkedHashMap<>();
        String fragment = URI.create(url).getRawFragment();
        if (fragment == null) {
            return params;
        }
        for (String pair : fragment.split("&")) {
            int eq = pair.indexOf('=');
            params.put(
                    URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    /** Submits the form with this id as a browser would (checked boxes, hidden fields, CSRF). */
    static Response submitForm(OAuthTestClient browser, String html, String formId) {
        int idAt = html.indexOf("id=\"" + formId + "\"");
        if (idAt < 0) {
            throw new AssertionError("no form " + formId + " in:\n" + html);
        }
        int start = html.lastIndexOf("<form", idAt);
        String form = html.substring(start, html.indexOf("</form>", idAt));
        String action = attribute(form.substring(0, form.indexOf('>') + 1), "action");
        StringBuilder body = new StringBuilder();
        Matcher matcher = INPUT.matcher(form);
        while (matcher.find()) {
            String tag = matcher.group();
            String name = attribute(tag, "name");
            if (name == null
                    || ("checkbox".equalsIgnoreCase(attribute(tag, "type")) && !tag.matches("(?s).*\\schecked\\b.*"))) {
                continue;
            }
            String value = attribute(tag, "value");
            if (body.length() > 0) {
                body.append('&');
            }
            body.append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode((value != null) ? value : "", StandardCharsets.UTF_8));
        }
        return browser.post(action, "application/x-www-form-urlencoded", body.toString(), "Accept", "text/html");
    }

    /** Follows same-site redirects as a browser until a page (or an off-site redirect) comes back. */
    static Response follow(OAuthTestClient browser, Response response) {
        for (int hop = 0; hop < 10 && response.isRedirect(); hop++) {
            String location = response.location();
            if (location.startsWith("http") && !location.startsWith(browser.baseUrl())) {
                return response;
            }
            response = browser.browse(location);
        }
        return response;
    }

    private static String attribute(String tag, String name) {
        Matcher m = Pattern.compile("\\s" + name + "=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE)
                .matcher(tag);
        return m.find() ? HtmlUtils.htmlUnescape(m.group(1)) : null;
    }
}
