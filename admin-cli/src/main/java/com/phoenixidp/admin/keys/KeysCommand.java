package com.phoenixidp.admin.keys;

import com.fasterxml.jackson.databind.JsonNode;
import com.phoenixidp.admin.GroupCommand;
import com.phoenixidp.admin.http.Json;
import com.phoenixidp.admin.output.Table;
import java.io.PrintWriter;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;

/** {@code phoenix-admin keys ...}: token signing keys ({@code /admin/keys}). */
@Command(
        name = "keys",
        description = "List and rotate the token signing keys.",
        subcommands = {ListKeys.class, RotateKeys.class})
public final class KeysCommand extends GroupCommand {

    static final String PATH = "/admin/keys";

    static void print(JsonNode keys, PrintWriter out) {
        Table table = new Table("kid", "alg", "status", "created", "activated", "retired");
        for (JsonNode key : keys) {
            table.row(
                    Json.text(key, "kid"),
                    Json.text(key, "alg"),
                    Json.text(key, "status"),
                    Json.text(key, "created_at"),
                    Json.text(key, "activated_at"),
                    Json.text(key, "retired_at"));
        }
        table.print(out, "No signing keys.");
    }

    static JsonNode keys(@Nullable JsonNode answer) {
        JsonNode keys = (answer != null) ? answer.path("keys") : null;
        return (keys != null && keys.isArray()) ? keys : Json.array();
    }
}
