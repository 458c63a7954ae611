package org.tradebench.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;

import org.junit.jupiter.api.Test;

class PlainTextRuleTest {

    @Test
    void loopbackIsLocalhostThe127NetworkAndIpv6One() {
        for (String host : new String[] { "localhost", "LOCALHOST", "localhost.", "127.0.0.1", "127.1.2.3",
                "127.255.255.255", "[::1]", "::1", "[0:0:0:0:0:0:0:1]" }) {
            assertTrue(PlainTextRule.isLoopback(host), host);
        }
        for (String host : new String[] { "api.bitfinex.com", "localhost.example.com", "128.0.0.1", "10.0.0.1",
                "127.0.0.256", "127.0.0", "::2", "[::]", "0.0.0.0", "", "mylocalhost" }) {
            assertFalse(PlainTextRule.isLoopback(host), host);
        }
        assertFalse(PlainTextRule.isLoopback(null));
    }

    @Test
    void plainWebSocketToARemoteHostIsRefusedNamingSchemeAndHost() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PlainTextRule.requireEncryptedUnlessLoopback(
                        URI.create("ws://api.bitfinex.com/ws/2?token=T0KEN"), "Bitfinex account"));
        assertEquals("Bitfinex account: refusing to send credentials over plain ws:// to api.bitfinex.com; use wss://"
                + " (plain ws:// and http:// are allowed to loopback addresses only: localhost, 127.0.0.0/8, ::1)",
                e.getMessage());
    }

    @Test
    void encryptedOrLoopbackAddressesAreAllowed() {
        PlainTextRule.requireEncryptedUnlessLoopback(URI.create("wss://api.bitfinex.com/ws/2"), "x");
        PlainTextRule.requireEncryptedUnlessLoopback(URI.create("https://api.bitfinex.com/v2/"), "x");
        PlainTextRule.requireEncryptedUnlessLoopback(URI.create("ws://127.0.0.1:41234/ws/2"), "x");
        PlainTextRule.requireEncryptedUnlessLoopback(URI.create("http://localhost:8080/v2/"), "x");
        PlainTextRule.requireEncryptedUnlessLoopback(URI.create("ws://[::1]:9000/"), "x");
        assertThrows(IllegalArgumentException.class,
                () -> PlainTextRule.requireEncryptedUnlessLoopback(URI.create("http://10.1.1.1/v2/"), "x"));
    }

    @Test
    void authenticatedOptionsRefusePlainWebSocketToARemoteHost() {
        WebSocketOptions remote = WebSocketOptions.of(URI.create("ws://api.bitfinex.com/ws/2")).withName("account");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, remote::withAuthenticated);
        assertTrue(e.getMessage().startsWith("account: refusing to send credentials over plain ws:// to api.bitfinex.com"),
                e.getMessage());
        assertTrue(WebSocketOptions.of(URI.create("ws://127.0.0.1:1/ws/2")).withAuthenticated().authenticated());
        assertTrue(WebSocketOptions.of(URI.create("wss://api.bitfinex.com/ws/2")).withAuthenticated().authenticated());
    }
}
