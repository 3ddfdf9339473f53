package com.phoenixidp.admin.users;

import com.fasterxml.jackson.databind.JsonNode;
import com.phoenixidp.admin.AdminCommand;
import com.phoenixidp.admin.http.AdminApi;
import com.phoenixidp.admin.http.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code users logout NAME}: {@code POST /admin/users/{username}/logout}. */
@Command(name = "logout", description = "Sign a user out everywhere: ends all of the user's sessions on the server.")
final class LogoutUser extends AdminCommand {

    @Parameters(index = "0", paramLabel = "USERNAME", description = "the user's username")
    String username;

    @Override
    protected void execute() {
        JsonNode answer = api().post("/admin/users/" + AdminApi.segment(this.username) + "/logout", null);
        if (this.json) {
            printJson(
                    (answer != null)
                            ? answer
                            : Json.object().put("userName", this.username).put("loggedOut", true));
            return;
        }
        out().println("Signed " + this.username + " out of every session.");
    }
}
