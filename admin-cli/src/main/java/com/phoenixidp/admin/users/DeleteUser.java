package com.phoenixidp.admin.users;

import com.phoenixidp.admin.AdminCommand;
import com.phoenixidp.admin.AdminException;
import com.phoenixidp.admin.http.Json;
import com.phoenixidp.admin.scim.Scim;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code users delete NAME --yes}: {@code DELETE /scim/v2/Users/{id}}; asks nothing, but wants {@code --yes}. */
@Command(
        name = "delete",
        description = "Delete a user for good. Requires --yes; " + "'users disable' keeps the account instead.")
final class DeleteUser extends AdminCommand {

    @Parameters(index = "0", paramLabel = "USERNAME", description = "the user's username")
    String username;

    @Option(names = "--yes", description = "confirm the deletion (it cannot be undone)")
    boolean yes;

    @Override
    protected void execute() {
        if (!this.yes) {
            throw AdminException.usage("deleting user " + this.username + " cannot be undone: add --yes to confirm"
                    + " (or use 'users disable')");
        }
        Scim scim = new Scim(api());
        scim.delete("Users", Scim.id(scim.user(this.username)));
        if (this.json) {
            printJson(Json.object().put("userName", this.username).put("deleted", true));
            return;
        }
        out().println("Deleted user " + this.username + ".");
    }
}
