package com.phoenixidp.resourceserver.orders;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The orders service: {@code GET /api/orders} ({@code api.read}), {@code POST /api/orders} ({@code api.write}). */
@RestController
@ConditionalOnProperty(name = "phoenix.service", havingValue = "orders")
class OrdersController {

    record Order(long id, long itemId, int quantity, String orderedBy) {}

    private final AtomicLong ids = new AtomicLong();

    private final List<Order> orders = new CopyOnWriteArrayList<>();

    @GetMapping("/api/orders")
    List<Order> list() {
        return this.orders;
    }

    @PostMapping("/api/orders")
    @ResponseStatus(HttpStatus.CREATED)
    Order create(@RequestBody Map<String, Object> body, @AuthenticationPrincipal Jwt jwt) {
        long itemId = (body.get("itemId") instanceof Number n) ? n.longValue() : 0;
        int quantity = (body.get("quantity") instanceof Number n) ? n.intValue() : 1;
        Order order = new Order(this.ids.incrementAndGet(), itemId, quantity, jwt.getSubject());
        if (this.orders.size() < 1000) {
            this.orders.add(order);
        }
        return order;
    }
}
