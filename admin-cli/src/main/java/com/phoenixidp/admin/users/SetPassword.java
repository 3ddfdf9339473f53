package com.phoenixidp.admin.users;

import com.phoenixidp.admin.AdminCommand;
import com.phoenixidp.admin.http.Json;
import com.phoenixidp.admin.scim.Scim;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code users set-password NAME}: {@code PATCH} {@code password} (RFC 7643 4.1.1). */
@Command(
        name = "set-password",
        description = "Set a user's password, read from PHOENIX_PASSWORD or standard input (asked twice without "
                + "echo on a terminal); never an option value.")
final class SetPassword extends AdminCommand {

    @Parameters(index = "0", paramLabel = "USERNAME", description = "the user's username")
    String username;

    @Override
    protected void execute() {
        String password = PasswordInput.read(invocation(), this.username);
        Scim scim = new Scim(api());
        scim.patch("Users", Scim.id(scim.user(this.username)), Scim.replacePath("password", password));
        if (this.json) {
            printJson(Json.object().put("userName", this.username).put("passwordChanged", true));
            return;
        }
        out().println("Changed the password of " + this.username + ".");
    }
}
