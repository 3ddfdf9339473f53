package com.phoenixidp.resourceserver.catalog;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The catalog service: {@code GET /api/items} ({@code api.read}), {@code POST /api/items} ({@code api.write}). */
@RestController
@ConditionalOnProperty(name = "phoenix.service", havingValue = "catalog")
class ItemsController {

    record Item(long id, String name, String createdBy) {}

    private final AtomicLong ids = new AtomicLong(2);

    private final List<Item> items = new CopyOnWriteArrayList<>(
            List.of(new Item(1, "passkey starter kit", "seed"), new Item(2, "hardware security key", "seed")));

    @GetMapping(path = "/api/items", produces = MediaType.APPLICATION_JSON_VALUE)
    List<Item> list() {
        return this.items;
    }

    @PostMapping(path = "/api/items", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    Item create(@RequestBody Map<String, Object> body, @AuthenticationPrincipal Jwt jwt) {
        Object name = body.get("name");
        Item item =
                new Item(this.ids.incrementAndGet(), (name != null) ? name.toString() : "unnamed", jwt.getSubject());
        if (this.items.size() < 1000) {
            this.items.add(item);
        }
        return item;
    }
}
