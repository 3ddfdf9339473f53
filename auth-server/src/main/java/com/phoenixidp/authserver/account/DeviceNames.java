package com.phoenixidp.authserver.account;

import org.jspecify.annotations.Nullable;

/**
 * A short, human name for a browser session from its {@code User-Agent} header (RFC 9110
 * section 10.1.5), such as "Chrome on Linux", for the account page's list of sessions. Only a
 * hint: the header is whatever the client sent.
 */
final class DeviceNames {

    private DeviceNames() {}

    static String describe(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return "Unknown device";
        }
        String browser = browser(userAgent);
        String system = system(userAgent);
        if (browser == null) {
            // not a browser (a command-line client, a library): its product token
            String product = userAgent.trim().split("[/ ]", 2)[0];
            browser = product.isEmpty() ? "Unknown client" : product;
        }
        return (system != null) ? browser + " on " + system : browser;
    }

    private static @Nullable String browser(String ua) {
        // order matters: Edge and Opera also say Chrome, Chrome also says Safari
        if (ua.contains("Edg/")) {
            return "Edge";
        }
        if (ua.contains("OPR/")) {
            return "Opera";
        }
        if (ua.contains("Firefox/")) {
            return "Firefox";
        }
        if (ua.contains("HeadlessChrome/")) {
            return "Chrome (headless)";
        }
        if (ua.contains("Chrome/") || ua.contains("Chromium/")) {
            return "Chrome";
        }
        if (ua.contains("Safari/") && ua.contains("Version/")) {
            return "Safari";
        }
        return null;
    }

    private static @Nullable String system(String ua) {
        if (ua.contains("Android")) {
            return "Android";
        }
        if (ua.contains("iPhone") || ua.contains("iPad")) {
            return "iOS";
        }
        if (ua.contains("Windows")) {
            return "Windows";
        }
        if (ua.contains("Mac OS X") || ua.contains("Macintosh")) {
            return "macOS";
        }
        if (ua.contains("CrOS")) {
            return "ChromeOS";
        }
        if (ua.contains("Linux")) {
            return "Linux";
        }
        return null;
    }
}
