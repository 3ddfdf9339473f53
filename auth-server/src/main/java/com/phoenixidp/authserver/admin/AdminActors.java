package com.phoenixidp.authserver.admin;

import com.phoenixidp.authserver.management.Actor;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;

/** The {@link Actor} of an admin API request: the admin client (bearer token) and its address. */
public final class AdminActors {

    private AdminActors() {}

    public static Actor of(Authentication caller, HttpServletRequest request, String channel) {
        String name = (caller != null) ? caller.getName() : "anonymous";
        return new Actor(name, channel, request.getRemoteAddr());
    }
}
