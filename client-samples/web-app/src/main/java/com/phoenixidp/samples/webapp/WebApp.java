package com.phoenixidp.samples.webapp;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A web application that signs its users in through Phoenix IdP: OpenID Connect authorization
 * code + PKCE as a confidential client, configured only with Spring Security's own
 * {@code spring.security.oauth2.client.*} properties.
 */
@SpringBootApplication
public class WebApp {

    public static void main(String[] args) {
        SpringApplication.run(WebApp.class, args);
    }
}
