package com.phoenixidp.admin.users;

import com.fasterxml.jackson.databind.JsonNode;
import com.phoenixidp.admin.AdminCommand;
import com.phoenixidp.admin.http.Json;
import com.phoenixidp.admin.scim.Scim;
import picocli.CommandLine.Parameters;

/** {@code users disable|enable NAME}: {@code PATCH} {@code active} (RFC 7643 4.1.1). */
abstract class ChangeUserState extends AdminCommand {

    @Parameters(index = "0", paramLabel = "USERNAME", description = "the user's username")
    String username;

    private final boolean active;

    ChangeUserState(boolean active) {
        this.active = active;
    }

    @Override
    protected void execute() {
        Scim scim = new Scim(api());
        JsonNode user = scim.user(this.username);
        JsonNode updated = scim.patch("Users", Scim.id(user), Scim.replace("active", this.active));
        if (this.json) {
            printJson(
                    (updated != null)
                            ? updated
                            : Json.object().put("userName", this.username).put("active", this.active));
            return;
        }
        out().println((this.active ? "Enabled" : "Disabled") + " user " + this.username + ".");
    }
}
