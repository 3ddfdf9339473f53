package com.phoenixidp.admin.users;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.phoenixidp.admin.AdminCommand;
import com.phoenixidp.admin.http.Json;
import com.phoenixidp.admin.output.Table;
import com.phoenixidp.admin.scim.Scim;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code users list}: every user, read page by page. */
@Command(name = "list", description = "List all users.")
final class ListUsers extends AdminCommand {

    @Override
    protected void execute() {
        List<JsonNode> users = new Scim(api()).list("Users");
        if (this.json) {
            ArrayNode array = Json.array();
            users.forEach(array::add);
            printJson(array);
            return;
        }
        Table table = UserView.table();
        users.forEach((user) -> UserView.row(table, user));
        table.print(out(), "No users.");
    }
}
