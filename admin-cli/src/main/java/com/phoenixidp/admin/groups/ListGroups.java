package com.phoenixidp.admin.groups;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.phoenixidp.admin.AdminCommand;
import com.phoenixidp.admin.http.Json;
import com.phoenixidp.admin.output.Table;
import com.phoenixidp.admin.output.Text;
import com.phoenixidp.admin.scim.Scim;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code groups list}: every group with its members. */
@Command(name = "list", description = "List all groups and their members.")
final class ListGroups extends AdminCommand {

    @Override
    protected void execute() {
        List<JsonNode> groups = new Scim(api()).list("Groups");
        if (this.json) {
            ArrayNode array = Json.array();
            groups.forEach(array::add);
            printJson(array);
            return;
        }
        Table table = new Table("group", "size", "members");
        for (JsonNode group : groups) {
            JsonNode members = group.path("members");
            table.row(Json.text(group, "displayName"), members.size(), Text.joinReferences(members));
        }
        table.print(out(), "No groups.");
    }
}
