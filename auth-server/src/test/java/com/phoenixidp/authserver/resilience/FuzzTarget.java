package com.phoenixidp.authserver.resilience;

import java.util.List;

/**
 * One endpoint of the README's Endpoints table as the fuzz test calls it: method and path
 * ({@code {id}} is replaced by a made-up identifier, never a real user's or client's), the error
 * format it answers in, the credentials it needs, and the kind of body it takes.
 */
record FuzzTarget(String method, String path, Family family, Auth auth, Body body) {

    /** The error format of a family (see ErrorAnswers). */
    enum Family {
        OAUTH,
        SCIM,
        FIDO,
        PAGE,
        OTHER
    }

    /** The credentials the endpoint accepts when the request is not also broken there. */
    enum Auth {
        NONE,
        SERVICE_BASIC,
        LEGACY_BASIC,
        ADMIN_BEARER,
        REGISTRAR_BEARER,
        USER_BEARER,
        BROWSER
    }

    enum Body {
        NONE,
        FORM,
        JSON,
        DER
    }

    private static FuzzTarget of(String method, String path, Family family, Auth auth, Body body) {
        return new FuzzTarget(method, path, family, auth, body);
    }

    /** Every endpoint (README "Endpoints"), and the pages and APIs around them. */
    static final List<FuzzTarget> ALL = List.of(
            of("GET", "/.well-known/openid-configuration", Family.OAUTH, Auth.NONE, Body.NONE),
            of("GET", "/.well-known/oauth-authorization-server", Family.OAUTH, Auth.NONE, Body.NONE),
            of("GET", "/oauth2/jwks", Family.OAUTH, Auth.NONE, Body.NONE),
            of("GET", "/oauth2/revoked-tokens", Family.OAUTH, Auth.NONE, Body.NONE),
            of("GET", "/oauth2/authorize", Family.PAGE, Auth.BROWSER, Body.NONE),
            of("POST", "/oauth2/authorize", Family.PAGE, Auth.BROWSER, Body.FORM),
            of("POST", "/oauth2/token", Family.OAUTH, Auth.SERVICE_BASIC, Body.FORM),
            of("POST", "/oauth2/token", Family.OAUTH, Auth.LEGACY_BASIC, Body.FORM),
            of("POST", "/oauth2/token", Family.OAUTH, Auth.NONE, Body.FORM),
            of("POST", "/oauth2/device_authorization", Family.OAUTH, Auth.NONE, Body.FORM),
            of("POST", "/oauth2/device_verification", Family.PAGE, Auth.BROWSER, Body.FORM),
            of("GET", "/device", Family.PAGE, Auth.BROWSER, Body.NONE),
            of("POST", "/oauth2/introspect", Family.OAUTH, Auth.SERVICE_BASIC, Body.FORM),
            of("POST", "/oauth2/revoke", Family.OAUTH, Auth.SERVICE_BASIC, Body.FORM),
            of("GET", "/userinfo", Family.OAUTH, Auth.USER_BEARER, Body.NONE),
            of("POST", "/userinfo", Family.OAUTH, Auth.USER_BEARER, Body.FORM),
            of("GET", "/connect/logout", Family.PAGE, Auth.BROWSER, Body.NONE),
            of("POST", "/connect/logout", Family.PAGE, Auth.BROWSER, Body.FORM),
            of("GET", "/login", Family.PAGE, Auth.NONE, Body.NONE),
            of("POST", "/login", Family.PAGE, Auth.BROWSER, Body.FORM),
            of("GET", "/oauth2/consent", Family.PAGE, Auth.BROWSER, Body.NONE),
            of("GET", "/account", Family.PAGE, Auth.BROWSER, Body.NONE),
            of("POST", "/account/password", Family.PAGE, Auth.BROWSER, Body.FORM),
            of("POST", "/account/sessions/logout-others", Family.PAGE, Auth.BROWSER, Body.FORM),
            of("POST", "/account/apps/revoke", Family.PAGE, Auth.BROWSER, Body.FORM),
            of("POST", "/account/passkeys/options", Family.FIDO, Auth.BROWSER, Body.JSON),
            of("POST", "/account/passkeys", Family.FIDO, Auth.BROWSER, Body.JSON),
            of("POST", "/account/passkeys/delete", Family.PAGE, Auth.BROWSER, Body.FORM),
            of("POST", "/account/mfa", Family.PAGE, Auth.BROWSER, Body.FORM),
            of("GET", "/forgot-password", Family.PAGE, Auth.NONE, Body.NONE),
            of("POST", "/forgot-password", Family.PAGE, Auth.BROWSER, Body.FORM),
            of("GET", "/reset-password", Family.PAGE, Auth.NONE, Body.NONE),
            of("POST", "/reset-password", Family.PAGE, Auth.BROWSER, Body.FORM),
            of("GET", "/login/passkey", Family.PAGE, Auth.BROWSER, Body.NONE),
            of("POST", "/passkey/login/options", Family.FIDO, Auth.BROWSER, Body.JSON),
            of("POST", "/passkey/login", Family.FIDO, Auth.BROWSER, Body.JSON),
            of("POST", "/passkey/verify/options", Family.FIDO, Auth.BROWSER, Body.JSON),
            of("POST", "/passkey/verify", Family.FIDO, Auth.BROWSER, Body.JSON),
            of("POST", "/attestation/options", Family.FIDO, Auth.NONE, Body.JSON),
            of("POST", "/attestation/result", Family.FIDO, Auth.NONE, Body.JSON),
            of("POST", "/assertion/options", Family.FIDO, Auth.NONE, Body.JSON),
            of("POST", "/assertion/result", Family.FIDO, Auth.NONE, Body.JSON),
            of("POST", "/pki/ocsp", Family.OTHER, Auth.NONE, Body.DER),
            of("GET", "/pki/ocsp/{id}", Family.OTHER, Auth.NONE, Body.NONE),
            of("GET", "/pki/crl", Family.OTHER, Auth.NONE, Body.NONE),
            of("GET", "/pki/root.crl", Family.OTHER, Auth.NONE, Body.NONE),
            of("GET", "/pki/root.crt", Family.OTHER, Auth.NONE, Body.NONE),
            of("GET", "/pki/intermediate.crt", Family.OTHER, Auth.NONE, Body.NONE),
            of("GET", "/pki/ca-chain.crt", Family.OTHER, Auth.NONE, Body.NONE),
            of("GET", "/scim/v2/Users", Family.SCIM, Auth.ADMIN_BEARER, Body.NONE),
            of("POST", "/scim/v2/Users", Family.SCIM, Auth.ADMIN_BEARER, Body.JSON),
            of("POST", "/scim/v2/Users/.search", Family.SCIM, Auth.ADMIN_BEARER, Body.JSON),
            of("GET", "/scim/v2/Users/{id}", Family.SCIM, Auth.ADMIN_BEARER, Body.NONE),
            of("PUT", "/scim/v2/Users/{id}", Family.SCIM, Auth.ADMIN_BEARER, Body.JSON),
            of("PATCH", "/scim/v2/Users/{id}", Family.SCIM, Auth.ADMIN_BEARER, Body.JSON),
            of("DELETE", "/scim/v2/Users/{id}", Family.SCIM, Auth.ADMIN_BEARER, Body.NONE),
            of("GET", "/scim/v2/Groups", Family.SCIM, Auth.ADMIN_BEARER, Body.NONE),
            of("POST", "/scim/v2/Groups", Family.SCIM, Auth.ADMIN_BEARER, Body.JSON),
            of("POST", "/scim/v2/Groups/.search", Family.SCIM, Auth.ADMIN_BEARER, Body.JSON),
            of("PATCH", "/scim/v2/Groups/{id}", Family.SCIM, Auth.ADMIN_BEARER, Body.JSON),
            of("PUT", "/scim/v2/Groups/{id}", Family.SCIM, Auth.ADMIN_BEARER, Body.JSON),
            of("GET", "/scim/v2/ServiceProviderConfig", Family.SCIM, Auth.ADMIN_BEARER, Body.NONE),
            of("GET", "/scim/v2/ResourceTypes", Family.SCIM, Auth.ADMIN_BEARER, Body.NONE),
            of("GET", "/scim/v2/ResourceTypes/{id}", Family.SCIM, Auth.ADMIN_BEARER, Body.NONE),
            of("GET", "/scim/v2/Schemas", Family.SCIM, Auth.ADMIN_BEARER, Body.NONE),
            of("GET", "/scim/v2/Schemas/{id}", Family.SCIM, Auth.ADMIN_BEARER, Body.NONE),
            of("GET", "/admin/clients", Family.OAUTH, Auth.ADMIN_BEARER, Body.NONE),
            of("POST", "/admin/clients", Family.OAUTH, Auth.ADMIN_BEARER, Body.JSON),
            of("GET", "/admin/clients/{id}", Family.OAUTH, Auth.ADMIN_BEARER, Body.NONE),
            of("PUT", "/admin/clients/{id}", Family.OAUTH, Auth.ADMIN_BEARER, Body.JSON),
            of("DELETE", "/admin/clients/{id}", Family.OAUTH, Auth.ADMIN_BEARER, Body.NONE),
            of("POST", "/admin/clients/{id}/secret", Family.OAUTH, Auth.ADMIN_BEARER, Body.JSON),
            of("GET", "/admin/keys", Family.OAUTH, Auth.ADMIN_BEARER, Body.NONE),
            // never with a valid admin token: rotating the signing keys would disturb other tests
            of("POST", "/admin/keys/rotate", Family.OAUTH, Auth.NONE, Body.JSON),
            of("GET", "/admin/users/{id}/sessions", Family.OAUTH, Auth.ADMIN_BEARER, Body.NONE),
            of("POST", "/admin/users/{id}/logout", Family.OAUTH, Auth.ADMIN_BEARER, Body.NONE),
            of("GET", "/admin/audit", Family.OAUTH, Auth.ADMIN_BEARER, Body.NONE),
            of("POST", "/connect/register", Family.OAUTH, Auth.REGISTRAR_BEARER, Body.JSON),
            of("GET", "/connect/register/{id}", Family.OAUTH, Auth.REGISTRAR_BEARER, Body.NONE),
            of("PUT", "/connect/register/{id}", Family.OAUTH, Auth.REGISTRAR_BEARER, Body.JSON),
            of("DELETE", "/connect/register/{id}", Family.OAUTH, Auth.REGISTRAR_BEARER, Body.NONE),
            of("GET", "/actuator/health", Family.OTHER, Auth.NONE, Body.NONE),
            of("GET", "/error", Family.PAGE, Auth.NONE, Body.NONE),
            of("GET", "/", Family.PAGE, Auth.BROWSER, Body.NONE),
            of("POST", "/logout", Family.PAGE, Auth.BROWSER, Body.FORM));
}
