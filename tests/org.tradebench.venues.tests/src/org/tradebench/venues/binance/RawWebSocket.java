package org.tradebench.venues.binance;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A minimal RFC 6455 client over a plain socket for simulator tests: it answers nothing by itself
 * (no automatic pongs), so tests see every ping frame and can stay silent on purpose.
 */
final class RawWebSocket implements AutoCloseable {

    /** One frame: its opcode (1 text, 8 close, 9 ping, 10 pong) and payload. */
    record Frame(int opcode, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    RawWebSocket(URI uri) throws IOException {
        socket = new Socket(uri.getHost(), uri.getPort());
        socket.setSoTimeout(5000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String request = "GET " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
                + Base64.getEncoder().encodeToString(nonce) + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            head.append((char) in.readUnsignedByte());
        }
        if (!head.toString().startsWith("HTTP/1.1 101")) {
            throw new IOException("upgrade refused: " + head.toString().lines().findFirst().orElse(""));
        }
    }

    void sendText(String text) throws IOException {
        send(1, text.getBytes(StandardCharsets.UTF_8));
    }

    void sendPong(byte[] payload) throws IOException {
        send(10, payload);
    }

    private synchronized void send(int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0x80 | opcode);
        if (payload.length < 126) {
            b.write(0x80 | payload.length);
        } else {
            b.write(0x80 | 126);
            b.write(payload.length >> 8);
            b.write(payload.length & 0xff);
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        b.write(mask);
        for (int i = 0; i < payload.length; i++) {
            b.write(payload[i] ^ mask[i & 3]);
        }
        out.write(b.toByteArray());
        out.flush();
    }

    /** The next frame, or null when the connection ended (EOF); fails after 5 s without one. */
    Frame next() throws IOException {
        try {
            int b0 = in.readUnsignedByte();
            int b1 = in.readUnsignedByte();
            long len = b1 & 0x7f;
            if (len == 126) {
                len = in.readUnsignedShort();
            } else if (len == 127) {
                len = in.readLong();
            }
            byte[] payload = new byte[(int) len];
            in.readFully(payload);
            return new Frame(b0 & 0x0f, payload);
        } catch (EOFException | java.net.SocketException e) {
            return null;
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no frame within 5 s");
        }
    }

    /** The next text frame, skipping pings and pongs; null at the end of the connection or a close frame. */
    String nextText() throws IOException {
        while (true) {
            Frame f = next();
            if (f == null || f.opcode() == 8) {
                return null;
            }
            if (f.opcode() == 1) {
                return f.text();
            }
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
