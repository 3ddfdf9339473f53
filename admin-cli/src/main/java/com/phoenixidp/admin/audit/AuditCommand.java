package com.phoenixidp.admin.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.phoenixidp.admin.AdminCommand;
import com.phoenixidp.admin.AdminException;
import com.phoenixidp.admin.http.AdminApi;
import com.phoenixidp.admin.http.Json;
import com.phoenixidp.admin.output.Table;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code phoenix-admin audit ...}: the audit stream, {@code GET /admin/audit}. */
@Command(
        name = "audit",
        description = "Show audit events: sign-ins, tokens issued and revoked, changes made by admins.")
public final class AuditCommand extends AdminCommand {

    @Option(names = "--user", paramLabel = "USERNAME", description = "only events about this user")
    @Nullable
    String user;

    @Option(names = "--client", paramLabel = "CLIENT_ID", description = "only events about this client")
    @Nullable
    String client;

    @Option(
            names = "--type",
            paramLabel = "TYPE",
            description = "only events of this type or type prefix, e.g. user.disabled or user")
    @Nullable
    String type;

    @Option(
            names = "--since",
            paramLabel = "AGE",
            converter = Since.Converter.class,
            description = "only events of the last AGE (30m, 1h, 2d, 1w) or since an ISO-8601 instant")
    @Nullable
    Since since;

    @Option(names = "--limit", paramLabel = "N", description = "at most N events (default: the server's)")
    @Nullable
    Integer limit;

    @Override
    protected void execute() {
        if (this.limit != null && this.limit <= 0) {
            throw AdminException.usage("--limit must be a positive number");
        }
        JsonNode answer = api().get("/admin/audit" + query());
        JsonNode events = (answer != null) ? answer.path("events") : Json.array();
        if (this.json) {
            printJson(events.isArray() ? events : Json.array());
            return;
        }
        Table table = new Table("time", "type", "actor", "user", "client", "address", "outcome");
        for (JsonNode event : events) {
            table.row(
                    Json.text(event, "time"),
                    Json.text(event, "type"),
                    Json.text(event, "actor"),
                    Json.text(event, "user"),
                    Json.text(event, "client"),
                    Json.text(event, "address"),
                    Json.text(event, "outcome"));
        }
        table.print(out(), "No events.");
    }

    String query() {
        List<String> parameters = new ArrayList<>();
        add(parameters, "user", this.user);
        add(parameters, "client", this.client);
        add(parameters, "type", this.type);
        if (this.since != null) {
            add(parameters, "since", this.since.from(invocation().clock()).toString());
        }
        if (this.limit != null) {
            add(parameters, "limit", this.limit.toString());
        }
        return parameters.isEmpty() ? "" : "?" + String.join("&", parameters);
    }

    private static void add(List<String> parameters, String name, @Nullable String value) {
        if (value != null) {
            parameters.add(name + "=" + AdminApi.query(value));
        }
    }
}
