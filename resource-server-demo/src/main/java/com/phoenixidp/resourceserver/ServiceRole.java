package com.phoenixidp.resourceserver;

/** Which of the two demo services this process is ({@code phoenix.service}). */
public enum ServiceRole {

    /** Items: read with {@code api.read}, write with {@code api.write}, stats for role {@code admin}. */
    CATALOG,

    /** Orders: like catalog, plus {@code /api/chain}, a call to catalog with its own token. */
    ORDERS
}
