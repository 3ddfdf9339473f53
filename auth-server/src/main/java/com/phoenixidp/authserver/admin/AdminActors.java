package com.phoenixidp.authserver.admin;

import com.phoenixidp.authserver.management.Actor;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;

/** Who calls the admin API, for the audit stream: the admin client's id (token subject) and address. */
public final class AdminActors {

    /** {@link Actor#channel()} of admin API calls. */
    public static final String CHANNEL = "admin-api";

    private AdminActors() {}

    public static Actor of(Authentication caller, HttpServletRequest request) {
        return new Actor(caller.getName(), CHANNEL, request.getRemoteAddr());
    }
}
