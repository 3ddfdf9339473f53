package com.phoenixidp.admin.clients;

import com.fasterxml.jackson.databind.JsonNode;
import com.phoenixidp.admin.AdminCommand;
import com.phoenixidp.admin.http.AdminApi;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code clients rotate-secret ID}: {@code POST /admin/clients/{clientId}/secret}. */
@Command(
        name = "rotate-secret",
        description = {
            "Generate a new secret for a client; the old one stops working.",
            "The new secret is printed once (it cannot be read again) or written to --secret-file."
        })
final class RotateSecret extends AdminCommand {

    @Parameters(index = "0", paramLabel = "CLIENT_ID", description = "the client's id")
    String clientId;

    @Option(
            names = "--secret-file",
            paramLabel = "FILE",
            description = "write the new secret to FILE (owner-only, 0600) instead of printing it")
    @Nullable
    Path secretFile;

    @Override
    protected void execute() {
        if (this.secretFile != null) {
            SecretFile.checkWritable(this.secretFile);
        }
        JsonNode answer = api().post(ClientsCommand.PATH + "/" + AdminApi.segment(this.clientId) + "/secret", null);
        IssuedSecret.deliver(
                answer,
                this.secretFile,
                this.json,
                out(),
                "Rotated the secret of client " + this.clientId + ".",
                "run 'clients rotate-secret " + this.clientId + "' again");
    }
}
