package com.phoenixidp.admin.groups;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.phoenixidp.admin.AdminCommand;
import com.phoenixidp.admin.http.Json;
import com.phoenixidp.admin.scim.Scim;
import picocli.CommandLine.Parameters;

/** {@code groups add-member|remove-member GROUP USER}: {@code PATCH /scim/v2/Groups/{id}} on {@code members}. */
abstract class ChangeMembership extends AdminCommand {

    @Parameters(index = "0", paramLabel = "GROUP", description = "the group's name")
    String group;

    @Parameters(index = "1", paramLabel = "USERNAME", description = "the user's username")
    String username;

    private final boolean add;

    ChangeMembership(boolean add) {
        this.add = add;
    }

    @Override
    protected void execute() {
        Scim scim = new Scim(api());
        String groupId = Scim.id(scim.group(this.group));
        String userId = Scim.id(scim.user(this.username));
        ObjectNode operation = this.add ? Scim.addMember(userId) : Scim.removeMember(userId);
        JsonNode updated = scim.patch("Groups", groupId, operation);
        if (this.json) {
            printJson(
                    (updated != null)
                            ? updated
                            : Json.object()
                                    .put("group", this.group)
                                    .put("userName", this.username)
                                    .put("member", this.add));
            return;
        }
        out().println(
                        this.add
                                ? "Added " + this.username + " to group " + this.group + "."
                                : "Removed " + this.username + " from group " + this.group + ".");
    }
}
