package com.phoenixidp.authserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * One free port chosen per test JVM, so the issuer URL (which must be known before the server
 * starts) and the server port agree.
 */
public final class TestPorts {

    private static final int PORT = findFreePort();

    private TestPorts() {}

    public static int port() {
        return PORT;
    }

    public static int findFreePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
