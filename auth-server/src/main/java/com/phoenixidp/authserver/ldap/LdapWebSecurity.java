package com.phoenixidp.authserver.ldap;

import java.util.Map;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler;

/** What the page filter chain needs to know about directory sign-in. */
public final class LdapWebSecurity {

    /** The sign-in page when the directory could not be reached. */
    public static final String DIRECTORY_UNAVAILABLE_URL = "/login?error=directory";

    private LdapWebSecurity() {}

    /**
     * The password form's failure handler: {@code /login?error} as before, or
     * {@code /login?error=directory} when the directory could not be asked, so that directory users
     * read "directory unavailable" instead of "wrong password".
     */
    public static AuthenticationFailureHandler loginFailureHandler() {
        ExceptionMappingAuthenticationFailureHandler handler = new ExceptionMappingAuthenticationFailureHandler();
        handler.setDefaultFailureUrl("/login?error");
        handler.setExceptionMappings(Map.of(DirectoryUnavailableException.class.getName(), DIRECTORY_UNAVAILABLE_URL));
        return handler;
    }
}
