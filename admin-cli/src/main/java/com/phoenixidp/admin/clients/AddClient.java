package com.phoenixidp.admin.clients;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.phoenixidp.admin.AdminCommand;
import com.phoenixidp.admin.http.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code clients add ID ...}: {@code POST /admin/clients} with the bootstrap YAML field names. */
@Command(
        name = "add",
        description = {
            "Register an OAuth client. Options left out take the server's defaults.",
            "When the auth method needs a secret, the server generates one and this command prints it once "
                    + "(the only time phoenix-admin prints a secret; it cannot be read again) or writes it to "
                    + "--secret-file."
        })
final class AddClient extends AdminCommand {

    @Parameters(index = "0", paramLabel = "CLIENT_ID", description = "the new client's id")
    String clientId;

    @Option(names = "--name", paramLabel = "NAME", description = "name shown on the consent page")
    @Nullable
    String name;

    @Option(
            names = "--grant-type",
            paramLabel = "TYPE",
            split = ",",
            description = "authorization_code, refresh_token, client_credentials, "
                    + "urn:ietf:params:oauth:grant-type:device_code, ... (repeatable)")
    List<String> grantTypes = new ArrayList<>();

    @Option(
            names = "--auth-method",
            paramLabel = "METHOD",
            split = ",",
            description = "client_secret_basic, client_secret_post, private_key_jwt, tls_client_auth, none")
    List<String> authMethods = new ArrayList<>();

    @Option(names = "--redirect-uri", paramLabel = "URI", description = "redirect URI (repeatable)")
    List<String> redirectUris = new ArrayList<>();

    @Option(
            names = "--post-logout-redirect-uri",
            paramLabel = "URI",
            description = "post-logout redirect URI (repeatable)")
    List<String> postLogoutRedirectUris = new ArrayList<>();

    @Option(names = "--scope", paramLabel = "SCOPE", split = ",", description = "allowed scope (repeatable)")
    List<String> scopes = new ArrayList<>();

    @Option(
            names = "--consent",
            negatable = true,
            description = "ask users for consent (--no-consent: do not; default: the server's)")
    @Nullable
    Boolean consent;

    @Option(
            names = "--secret-file",
            paramLabel = "FILE",
            description = "write the generated secret to FILE (owner-only, 0600) instead of printing it")
    @Nullable
    Path secretFile;

    @Override
    protected void execute() {
        if (this.secretFile != null) {
            SecretFile.checkWritable(this.secretFile);
        }
        JsonNode created = api().post(ClientsCommand.PATH, registration());
        IssuedSecret.deliver(
                created,
                this.secretFile,
                this.json,
                out(),
                "Created client " + this.clientId + ".",
                "the client was created: run 'clients rotate-secret " + this.clientId
                        + " --secret-file FILE' for a new secret");
    }

    ObjectNode registration() {
        ObjectNode client = Json.object().put("client-id", this.clientId);
        if (this.name != null) {
            client.put("client-name", this.name);
        }
        list(client, "grant-types", this.grantTypes);
        list(client, "auth-methods", this.authMethods);
        list(client, "redirect-uris", this.redirectUris);
        list(client, "post-logout-redirect-uris", this.postLogoutRedirectUris);
        list(client, "scopes", this.scopes);
        if (this.consent != null) {
            client.put("require-consent", this.consent);
        }
        return client;
    }

    private static void list(ObjectNode client, String field, List<String> values) {
        if (!values.isEmpty()) {
            ArrayNode array = client.putArray(field);
            values.stream().map(String::strip).filter((v) -> !v.isEmpty()).forEach(array::add);
        }
    }
}
