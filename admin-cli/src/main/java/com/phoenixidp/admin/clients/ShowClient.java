package com.phoenixidp.admin.clients;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.phoenixidp.admin.AdminCommand;
import com.phoenixidp.admin.http.AdminApi;
import com.phoenixidp.admin.output.Fields;
import java.util.Iterator;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code clients show ID}: {@code GET /admin/clients/{clientId}}, every field under its bootstrap YAML name. */
@Command(name = "show", description = "Show a client's registration (field names as in the bootstrap YAML).")
final class ShowClient extends AdminCommand {

    @Parameters(index = "0", paramLabel = "CLIENT_ID", description = "the client's id")
    String clientId;

    @Override
    protected void execute() {
        JsonNode client = api().get(ClientsCommand.PATH + "/" + AdminApi.segment(this.clientId));
        JsonNode shown = (client != null && client.isObject())
                ? ((ObjectNode) client.deepCopy()).without(ClientsCommand.SECRET_FIELD)
                : client;
        if (this.json) {
            printJson(shown);
            return;
        }
        Fields fields = new Fields();
        if (shown != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = shown.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                fields.add(field.getKey(), field.getValue());
            }
        }
        fields.print(out());
    }
}
