package com.phoenixidp.admin.clients;

import com.fasterxml.jackson.databind.JsonNode;
import com.phoenixidp.admin.AdminCommand;
import com.phoenixidp.admin.http.AdminApi;
import com.phoenixidp.admin.http.Json;
import picocli.CommandLine.Parameters;

/** {@code clients disable|enable ID}: {@code POST /admin/clients/{clientId}/disable|enable}. */
abstract class ChangeClientState extends AdminCommand {

    @Parameters(index = "0", paramLabel = "CLIENT_ID", description = "the client's id")
    String clientId;

    private final boolean enabled;

    ChangeClientState(boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    protected void execute() {
        JsonNode client = api().post(
                        ClientsCommand.PATH + "/" + AdminApi.segment(this.clientId)
                                + (this.enabled ? "/enable" : "/disable"),
                        null);
        if (this.json) {
            printJson(
                    (client != null)
                            ? client
                            : Json.object().put("client-id", this.clientId).put("enabled", this.enabled));
            return;
        }
        out().println((this.enabled ? "Enabled" : "Disabled") + " client " + this.clientId
                + (this.enabled ? "." : "; every token issued to it is revoked."));
    }
}
