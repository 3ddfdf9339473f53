package com.phoenixidp.admin.users;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.phoenixidp.admin.AdminCommand;
import com.phoenixidp.admin.AdminException;
import com.phoenixidp.admin.http.Json;
import com.phoenixidp.admin.scim.Scim;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code users add NAME --email E ...}: {@code POST /scim/v2/Users}, then joins the groups. */
@Command(
        name = "add",
        description = {
            "Create a local user. The initial password comes from PHOENIX_PASSWORD or standard input "
                    + "(asked twice without echo on a terminal); it is never an option value.",
        })
final class AddUser extends AdminCommand {

    @Parameters(index = "0", paramLabel = "USERNAME", description = "the new user's username")
    String username;

    @Option(names = "--email", required = true, paramLabel = "EMAIL", description = "e-mail address (primary)")
    String email;

    @Option(names = "--given-name", paramLabel = "NAME", description = "given (first) name")
    @Nullable
    String givenName;

    @Option(names = "--family-name", paramLabel = "NAME", description = "family (last) name")
    @Nullable
    String familyName;

    @Option(names = "--display-name", paramLabel = "NAME", description = "name to display")
    @Nullable
    String displayName;

    @Option(
            names = "--group",
            paramLabel = "GROUP",
            split = ",",
            description = "add the user to this existing group (repeatable)")
    List<String> groups = new ArrayList<>();

    @Override
    protected void execute() {
        String password = PasswordInput.read(invocation(), this.username);
        Scim scim = new Scim(api());
        Map<String, String> groupIds = new LinkedHashMap<>();
        for (String group : this.groups) {
            groupIds.put(group, Scim.id(scim.group(group)));
        }
        JsonNode created = scim.create("Users", resource(password));
        String id = Scim.id(created);
        for (Map.Entry<String, String> group : groupIds.entrySet()) {
            try {
                scim.patch("Groups", group.getValue(), Scim.addMember(id));
            } catch (AdminException ex) {
                throw new AdminException(
                        ex.exitCode(),
                        "created user " + this.username + ", but could not add it to " + "group " + group.getKey()
                                + ": " + ex.getMessage());
            }
        }
        if (this.json) {
            printJson(groupIds.isEmpty() ? created : scim.user(this.username));
            return;
        }
        out().println("Created user " + this.username + " (id " + id + ")"
                + (groupIds.isEmpty() ? "" : ", member of " + String.join(", ", groupIds.keySet())) + ".");
    }

    private ObjectNode resource(String password) {
        ObjectNode user = Json.object();
        user.putArray("schemas").add(Scim.USER_SCHEMA);
        user.put("userName", this.username);
        if (this.givenName != null || this.familyName != null) {
            ObjectNode name = user.putObject("name");
            if (this.givenName != null) {
                name.put("givenName", this.givenName);
            }
            if (this.familyName != null) {
                name.put("familyName", this.familyName);
            }
        }
        if (this.displayName != null) {
            user.put("displayName", this.displayName);
        }
        user.putArray("emails").addObject().put("value", this.email).put("primary", true);
        user.put("active", true);
        user.put("password", password);
        return user;
    }
}
