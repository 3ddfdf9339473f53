package com.phoenixidp.authserver;

/** The users and clients of the {@code test} profile (application-test.yml), by name. */
public final class TestData {

    public static final String ALICE = "alice";

    public static final String ALICE_PASSWORD = "alice-password-1";

    public static final String BOB = "bob";

    public static final String BOB_PASSWORD = "bob-password-12";

    public static final String CAROL = "carol";

    public static final String CAROL_PASSWORD = "carol-password-1";

    public static final String WEB = "web";

    public static final String WEB_SECRET = "web-secret-0123456789-0123456789-abc";

    public static final String WEB_REDIRECT = "http://localhost:8080/login/oauth2/code/phoenix";

    public static final String WEB_POST_LOGOUT = "http://localhost:8080/";

    public static final String CONSENT_APP = "consent-app";

    public static final String CONSENT_APP_SECRET = "consent-secret-0123456789-0123456789";

    public static final String CONSENT_APP_REDIRECT = "http://localhost:8080/cb";

    public static final String SPA = "spa";

    public static final String SPA_REDIRECT = "http://localhost:8081/callback";

    public static final String SERVICE = "service";

    public static final String SERVICE_SECRET = "service-secret-0123456789-0123456789";

    public static final String ADMIN_TOOL = "admin-tool";

    public static final String ADMIN_TOOL_SECRET = "admin-secret-0123456789-0123456789-x";

    public static final String REGISTRAR = "registrar";

    public static final String REGISTRAR_SECRET = "registrar-secret-0123456789-01234567";

    private TestData() {}
}
