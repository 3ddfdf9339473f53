package com.phoenixidp.authserver.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.springframework.stereotype.Component;

/**
 * The name this node goes by in logs and in cluster locks: {@code phoenix.node-name}, or the host
 * name and process id ({@code idp-1/4711}), which tells apart several nodes on one host.
 */
@Component
public final class NodeName {

    private final String value;

    public NodeName(PhoenixProperties properties) {
        String configured = properties.getNodeName();
        this.value = (configured != null && !configured.isBlank())
                ? configured.trim()
                : hostName() + "/" + ProcessHandle.current().pid();
    }

    public String value() {
        return this.value;
    }

    @Override
    public String toString() {
        return this.value;
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException ex) {
            return "localhost";
        }
    }
}
