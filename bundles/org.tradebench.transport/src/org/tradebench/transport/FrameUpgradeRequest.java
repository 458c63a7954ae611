package org.tradebench.transport;

import java.net.URI;

import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.client.CoreClientUpgradeRequest;
import org.eclipse.jetty.websocket.core.client.WebSocketCoreClient;

/**
 * The WebSocket upgrade request: Jetty's {@link CoreClientUpgradeRequest} does the HTTP part
 * (connection pool, TLS, proxy, the {@code Sec-WebSocket-Key} and its check), and once the
 * server accepted, {@link #upgrade(Response, EndPoint)} installs a {@link FrameConnection}
 * instead of Jetty's own WebSocket connection (whose parser allocates per frame).
 *
 * <pre>{@code
 * FrameUpgradeRequest request = new FrameUpgradeRequest(coreClient, uri, owner, 16 << 20, 300_000);
 * request.headers(h -> h.put("Origin", "https://example.com"));
 * request.send(result -> ...);   // result.isSucceeded() and status 101: the connection is open
 * }</pre>
 *
 * <p>Not for reuse: one request per connection attempt. {@code upgrade} runs on the Jetty thread
 * that read the 101 answer, after Jetty checked {@code Sec-WebSocket-Accept}.
 */
final class FrameUpgradeRequest extends CoreClientUpgradeRequest {

    /**
     * Never called: Jetty's request wants a frame handler before it sends, but our
     * {@link #upgrade} replaces everything that would use it.
     */
    private static final FrameHandler UNUSED = new FrameHandler() {
        @Override
        public void onOpen(CoreSession coreSession, Callback callback) {
            callback.succeeded();
        }

        @Override
        public void onFrame(Frame frame, Callback callback) {
            callback.succeeded();
        }

        @Override
        public void onError(Throwable cause, Callback callback) {
            callback.succeeded();
        }

        @Override
        public void onClosed(CloseStatus closeStatus, Callback callback) {
            callback.succeeded();
        }
    };

    private final WebSocketCoreClient client;
    private final FrameConnection.Owner owner;
    private final int maxMessageBytes;
    private final long idleTimeoutMillis;

    /**
     * @param client the client whose {@code HttpClient} sends the upgrade
     * @param uri the {@code ws://} or {@code wss://} address
     * @param owner told when the connection opens, and about everything after
     * @param maxMessageBytes the largest message accepted
     * @param idleTimeoutMillis the endpoint's idle timeout once open; 0 for none
     */
    FrameUpgradeRequest(WebSocketCoreClient client, URI uri, FrameConnection.Owner owner, int maxMessageBytes,
            long idleTimeoutMillis) {
        super(client, uri);
        this.client = client;
        this.owner = owner;
        this.maxMessageBytes = maxMessageBytes;
        this.idleTimeoutMillis = idleTimeoutMillis;
    }

    @Override
    public FrameHandler getFrameHandler() {
        return UNUSED;
    }

    @Override
    public void upgrade(Response response, EndPoint endPoint) {
        // No extension was offered, so none may be accepted: permessage-deflate would set RSV1
        // on frames this connection cannot read. (A header set through the options could ask.)
        String extensions = response.getHeaders().get(HttpHeader.SEC_WEBSOCKET_EXTENSIONS);
        if (extensions != null && !extensions.isBlank()) {
            throw new IllegalStateException("the server accepted the WebSocket extensions '" + extensions
                    + "', which this client does not support; do not request them in the headers");
        }
        endPoint.setIdleTimeout(idleTimeoutMillis);
        FrameConnection connection = new FrameConnection(endPoint, client.getHttpClient().getExecutor(), owner,
                maxMessageBytes);
        endPoint.upgrade(connection);
    }
}
