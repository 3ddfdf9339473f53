package com.phoenixidp.admin.groups;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.phoenixidp.admin.AdminCommand;
import com.phoenixidp.admin.http.Json;
import com.phoenixidp.admin.scim.Scim;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code groups add NAME}: {@code POST /scim/v2/Groups}. */
@Command(name = "add", description = "Create an empty group.")
final class AddGroup extends AdminCommand {

    @Parameters(index = "0", paramLabel = "GROUP", description = "the new group's name")
    String name;

    @Override
    protected void execute() {
        ObjectNode group = Json.object();
        group.putArray("schemas").add(Scim.GROUP_SCHEMA);
        group.put("displayName", this.name);
        JsonNode created = new Scim(api()).create("Groups", group);
        if (this.json) {
            printJson(created);
            return;
        }
        out().println("Created group " + this.name + " (id " + Scim.id(created) + ").");
    }
}
