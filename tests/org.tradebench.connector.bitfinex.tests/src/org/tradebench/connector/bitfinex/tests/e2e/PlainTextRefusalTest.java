package org.tradebench.connector.bitfinex.tests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.tradebench.api.credentials.ApiCredentials;
import org.tradebench.api.spi.FrameTap;
import org.tradebench.connector.bitfinex.internal.BitfinexConfig;
import org.tradebench.connector.bitfinex.internal.BitfinexConnector;

/** Keys never travel over plain ws:// or http:// to a host that is not loopback. */
class PlainTextRefusalTest {

    private static ApiCredentials keys() {
        return new ApiCredentials("bitfinex", "main", SimHarness.KEY, SimHarness.SECRET.toCharArray(), null);
    }

    @Test
    void aPlainAccountSocketToARemoteHostIsRefusedBeforeAnythingStarts() {
        BitfinexConfig config = BitfinexConfig.defaults().withEndpoints(URI.create("wss://api-pub.bitfinex.com/ws/2"),
                URI.create("ws://api.bitfinex.com/ws/2"), URI.create("https://api-pub.bitfinex.com/v2/"),
                URI.create("https://api.bitfinex.com/v2/"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BitfinexConnector.start(config, keys(), FrameTap.NONE));
        assertEquals("Bitfinex account socket: refusing to send credentials over plain ws:// to api.bitfinex.com;"
                + " use wss:// (plain ws:// and http:// are allowed to loopback addresses only: localhost,"
                + " 127.0.0.0/8, ::1)", e.getMessage());
        assertFalse(e.getMessage().contains(SimHarness.KEY));
    }

    @Test
    void plainAuthenticatedRestToARemoteHostIsRefused() {
        BitfinexConfig config = BitfinexConfig.defaults().withEndpoints(URI.create("wss://api-pub.bitfinex.com/ws/2"),
                URI.create("wss://api.bitfinex.com/ws/2"), URI.create("https://api-pub.bitfinex.com/v2/"),
                URI.create("http://api.bitfinex.com/v2/"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BitfinexConnector.start(config, keys(), FrameTap.NONE));
        assertEquals("Bitfinex authenticated REST: refusing to send credentials over plain http:// to"
                + " api.bitfinex.com; use https:// (plain ws:// and http:// are allowed to loopback addresses only:"
                + " localhost, 127.0.0.0/8, ::1)", e.getMessage());
    }
}
