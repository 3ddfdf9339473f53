package com.phoenixidp.admin.clients;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.phoenixidp.admin.http.Json;
import com.phoenixidp.admin.output.Text;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * A client secret the server has just generated and will never show again: printed once (the one
 * place {@code phoenix-admin} prints a secret) or, with {@code --secret-file}, written to that file
 * and left out of the output.
 */
final class IssuedSecret {

    private IssuedSecret() {}

    /**
     * Delivers {@code answer}'s {@code client-secret} and prints the answer ({@code --json}) or
     * {@code summary} and the secret.
     */
    static void deliver(
            @Nullable JsonNode answer,
            @Nullable Path secretFile,
            boolean json,
            PrintWriter out,
            String summary,
            String hint) {
        String secret = Json.text(answer, ClientsCommand.SECRET_FIELD);
        ObjectNode shown = (answer != null && answer.isObject()) ? ((ObjectNode) answer.deepCopy()) : Json.object();
        if (secret != null && secretFile != null) {
            SecretFile.write(secretFile, secret, hint);
            shown.remove(ClientsCommand.SECRET_FIELD);
            shown.put("client-secret-file", secretFile.toString());
        }
        if (json) {
            out.println(Json.pretty(shown));
            return;
        }
        out.println(summary);
        if (secret == null) {
            out.println("No client secret: this client authenticates without one.");
        } else if (secretFile != null) {
            out.println("Client secret written to " + secretFile + " (readable by you only).");
        } else {
            out.println("Client secret (shown this once; store it now): " + Text.clean(secret));
        }
    }
}
