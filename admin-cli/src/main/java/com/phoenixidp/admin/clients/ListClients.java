package com.phoenixidp.admin.clients;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.phoenixidp.admin.AdminCommand;
import com.phoenixidp.admin.http.Json;
import com.phoenixidp.admin.output.Table;
import com.phoenixidp.admin.output.Text;
import picocli.CommandLine.Command;

/** {@code clients list}: {@code GET /admin/clients}. */
@Command(name = "list", description = "List all OAuth clients.")
final class ListClients extends AdminCommand {

    @Override
    protected void execute() {
        JsonNode answer = api().get(ClientsCommand.PATH);
        JsonNode clients = (answer != null) ? answer.path("clients") : Json.array();
        if (this.json) {
            ArrayNode array = Json.array();
            clients.forEach((c) ->
                    array.add(c.isObject() ? ((ObjectNode) c.deepCopy()).without(ClientsCommand.SECRET_FIELD) : c));
            printJson(array);
            return;
        }
        Table table = new Table("client id", "name", "grant types", "auth methods", "scopes");
        for (JsonNode client : clients) {
            table.row(
                    Json.text(client, "client-id"),
                    Json.text(client, "client-name"),
                    Text.join(client.get("grant-types"), null),
                    Text.join(client.get("auth-methods"), null),
                    Text.join(client.get("scopes"), null));
        }
        table.print(out(), "No clients.");
    }
}
