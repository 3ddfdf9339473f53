package com.phoenixidp.authserver;

/** Fixed test-only master keys (base64 of 32 bytes). */
public final class TestKeys {

    public static final String MASTER_KEY_BASE64 = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    public static final String OTHER_MASTER_KEY_BASE64 = "ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA=";

    private TestKeys() {}
}
