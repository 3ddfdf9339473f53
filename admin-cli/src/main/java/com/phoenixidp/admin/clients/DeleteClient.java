package com.phoenixidp.admin.clients;

import com.phoenixidp.admin.AdminCommand;
import com.phoenixidp.admin.AdminException;
import com.phoenixidp.admin.http.AdminApi;
import com.phoenixidp.admin.http.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code clients delete ID --yes}: {@code DELETE /admin/clients/{clientId}}. */
@Command(name = "delete", description = "Delete a client for good (requires --yes).")
final class DeleteClient extends AdminCommand {

    @Parameters(index = "0", paramLabel = "CLIENT_ID", description = "the client's id")
    String clientId;

    @Option(names = "--yes", description = "confirm the deletion (it cannot be undone)")
    boolean yes;

    @Override
    protected void execute() {
        if (!this.yes) {
            throw AdminException.usage("deleting client " + this.clientId + " cannot be undone: add --yes to confirm");
        }
        api().delete(ClientsCommand.PATH + "/" + AdminApi.segment(this.clientId));
        if (this.json) {
            printJson(Json.object().put("client-id", this.clientId).put("deleted", true));
            return;
        }
        out().println("Deleted client " + this.clientId + ".");
    }
}
