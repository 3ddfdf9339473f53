package com.phoenixidp.authserver.console;

import com.phoenixidp.authserver.management.Actor;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;

/** The {@link Actor} of a console action: the signed-in admin, channel {@code console}, their address. */
final class ConsoleActors {

    static final String CHANNEL = "console";

    private ConsoleActors() {}

    static Actor of(Principal admin, HttpServletRequest request) {
        return new Actor(admin.getName(), CHANNEL, request.getRemoteAddr());
    }
}
