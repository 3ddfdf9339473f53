package com.phoenixidp.admin.http;

import com.phoenixidp.admin.AdminException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;

/** The {@code --server} base URL, checked and without a trailing slash; API paths are appended to it. */
public final class ServerUrl {

    private ServerUrl() {}

    /** Parses {@code --server}: an http(s) URL with a host and no query or fragment (exit 2 otherwise). */
    public static URI parse(String value) {
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException ex) {
            throw notAUrl(value);
        }
        String scheme = uri.getScheme();
        if (scheme == null
                || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || uri.getHost() == null
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null
                || uri.getRawUserInfo() != null) {
            throw notAUrl(value);
        }
        String text = uri.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return URI.create(text);
    }

    /** {@code scheme://host[:port]} of a URL, for messages. */
    public static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + ((uri.getPort() != -1) ? ":" + uri.getPort() : "");
    }

    /** Whether the client secret would cross the network in clear text (plain http to another host). */
    public static boolean plainTextToRemoteHost(URI server) {
        if (!"http".equalsIgnoreCase(server.getScheme())) {
            return false;
        }
        String host = server.getHost();
        if (host.equalsIgnoreCase("localhost")) {
            return false;
        }
        try {
            // a literal address needs no lookup; a name that does not resolve fails later anyway
            return !(host.matches("[0-9.]+|\\[[0-9a-fA-F:.]+\\]")
                    && InetAddress.getByName(host).isLoopbackAddress());
        } catch (UnknownHostException ex) {
            return true;
        }
    }

    private static AdminException notAUrl(String value) {
        return AdminException.usage(
                "--server: '" + value + "' is not an http(s) base URL (e.g. http://localhost:9000)");
    }
}
