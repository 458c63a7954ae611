package org.tradebench.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.tradebench.transport.RecordingHandler.next;

import java.time.Duration;

import org.eclipse.jetty.websocket.api.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code wss://}: Jetty's TLS under our frame reader, against a loopback Jetty server. */
class SecureWebSocketTest {

    private LoopbackTls tls;
    private LoopbackServer server;
    private JettyTransport transport;
    private ReconnectingWebSocket socket;
    private final RecordingHandler handler = new RecordingHandler();

    @BeforeEach
    void start() throws Exception {
        tls = LoopbackTls.shared();
        assumeTrue(tls != null, "this JDK has no keytool to make a test certificate");
        server = new LoopbackServer(null, tls.server());
    }

    @AfterEach
    void stop() throws Exception {
        if (socket != null) {
            socket.close();
        }
        if (transport != null) {
            transport.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private WebSocketOptions options() {
        return WebSocketOptions.of(server.webSocketUri()).withName("tls")
                .withReconnect(new ReconnectPolicy(Duration.ofMillis(50), Duration.ofSeconds(1), 2.0, 0), 5);
    }

    @Test
    void wssCarriesMessagesBothWaysIncludingAMegabyteSnapshot() throws Exception {
        String snapshot = "[1,[" + "[7254.7,3,3.005],".repeat(60_000) + "[0,0,0]]]";
        server.onText = (s, text) -> s.sendText(text.equals("snapshot please") ? snapshot : "echo:" + text,
                Callback.NOOP);
        transport = JettyTransport.start("tls", tls.client());
        socket = new ReconnectingWebSocket(transport, options(), handler);
        socket.start();
        next(handler.openTimes, "open over TLS");
        assertTrue(server.webSocketUri().toString().startsWith("wss://127.0.0.1:"));
        assertTrue(socket.send("hello"));
        assertEquals("echo:hello", next(handler.texts, "echo"));
        assertTrue(socket.send("snapshot please"));
        assertEquals(snapshot, next(handler.texts, "snapshot"));
        assertTrue(snapshot.length() > 1_000_000);
    }

    @Test
    void untrustedCertificateFailsTheAttemptWithAReadableReason() throws Exception {
        transport = JettyTransport.start("tls-default"); // the JVM's trust store does not know it
        socket = new ReconnectingWebSocket(transport, options(), handler);
        socket.start();
        WebSocketDisconnect d = next(handler.disconnects, "refused handshake");
        assertFalse(d.wasOpen());
        assertEquals(-1, d.closeCode());
        assertTrue(d.reason().startsWith("SSLHandshakeException"), d.reason());
        assertTrue(d.reason().endsWith("connecting to " + server.webSocketUri()), d.reason());
        assertEquals(0, handler.opens.get());
    }
}
