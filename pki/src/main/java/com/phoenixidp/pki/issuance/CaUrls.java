package com.phoenixidp.pki.issuance;

import com.phoenixidp.pki.PkiException;
import java.net.URI;

/**
 * The CA's public URLs under its base URL. The auth-server serves these same paths at its
 * issuer URL; the standalone {@code pki ocsp} answers at {@link #ocsp()}'s path and at {@code /}.
 *
 * @param baseUrl base URL without a trailing slash, e.g. {@code https://idp.example.com}
 */
public record CaUrls(String baseUrl) {

    /** Path of the OCSP responder (RFC 6960). */
    public static final String OCSP_PATH = "/pki/ocsp";
    /** Path of the intermediate's CRL (DER, RFC 5280). */
    public static final String CRL_PATH = "/pki/crl";
    /** Path of the root's CRL (DER). */
    public static final String ROOT_CRL_PATH = "/pki/root.crl";
    /** Path of the root certificate. */
    public static final String ROOT_CERT_PATH = "/pki/root.crt";
    /** Path of the intermediate certificate (the leaves' AIA caIssuers). */
    public static final String INTERMEDIATE_CERT_PATH = "/pki/intermediate.crt";

    public CaUrls {
        URI uri;
        try {
            uri = URI.create(baseUrl);
        } catch (IllegalArgumentException e) {
            throw new PkiException("invalid base URL '" + baseUrl + "'");
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                || uri.getHost() == null
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw new PkiException("invalid base URL '" + baseUrl + "' (expected http(s)://host[:port][/path])");
        }
        while (baseUrl.endsWith("/")) {
            baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
        }
    }

    public String ocsp() {
        return baseUrl + OCSP_PATH;
    }

    public String crl() {
        return baseUrl + CRL_PATH;
    }

    public String rootCrl() {
        return baseUrl + ROOT_CRL_PATH;
    }

    public String rootCertificate() {
        return baseUrl + ROOT_CERT_PATH;
    }

    public String intermediateCertificate() {
        return baseUrl + INTERMEDIATE_CERT_PATH;
    }

    /** The path part of the OCSP URL (what a standalone responder must answer at). */
    public String ocspPath() {
        return URI.create(ocsp()).getRawPath();
    }
}
