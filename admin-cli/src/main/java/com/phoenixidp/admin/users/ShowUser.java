package com.phoenixidp.admin.users;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.phoenixidp.admin.AdminCommand;
import com.phoenixidp.admin.http.AdminApi;
import com.phoenixidp.admin.http.Json;
import com.phoenixidp.admin.output.Table;
import com.phoenixidp.admin.output.Text;
import com.phoenixidp.admin.scim.Scim;
import java.util.Objects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code users show NAME}: the SCIM user and its sessions ({@code /admin/users/{username}/sessions}). */
@Command(name = "show", description = "Show a user: name, e-mail, status, source, groups and active sessions.")
final class ShowUser extends AdminCommand {

    @Parameters(index = "0", paramLabel = "USERNAME", description = "the user's username")
    String username;

    @Override
    protected void execute() {
        JsonNode user = new Scim(api()).user(this.username);
        String userName =
                Objects.requireNonNull(Json.text(user, "userName"), "the server's user resource has no userName");
        JsonNode answer = api().get("/admin/users/" + AdminApi.segment(userName) + "/sessions");
        JsonNode sessions = (answer != null) ? answer.path("sessions") : Json.array();
        if (this.json) {
            ObjectNode both = Json.object();
            both.set("user", user);
            both.set("sessions", sessions.isArray() ? sessions : Json.array());
            printJson(both);
            return;
        }
        UserView.fields(user).print(out());
        out().println();
        Table table = new Table("session", "created", "last seen", "address", "clients", "user agent");
        for (JsonNode session : sessions) {
            table.row(
                    Json.text(session, "id"),
                    Json.text(session, "created"),
                    Json.text(session, "lastSeen"),
                    Json.text(session, "address"),
                    Text.join(session.get("clients"), null),
                    Json.text(session, "userAgent"));
        }
        table.print(out(), "No active sessions.");
    }
}
