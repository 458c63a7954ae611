package org.tradebench.transport;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;

/**
 * A WebSocket server written by hand on a plain (or TLS) server socket, for tests that need to
 * control every byte the client reads: fragmentation, frames cut into single bytes, frames
 * glued to the upgrade answer, protocol violations, and fast bursts. Its threads are named
 * {@code raw-server-...} so that allocation measurements can leave them out.
 *
 * <pre>{@code
 * try (RawWebSocketServer server = new RawWebSocketServer(null, peer -> peer.sendText("hello"))) {
 *     ... connect to server.uri() ...
 *     RawWebSocketServer.Peer peer = server.nextPeer();
 *     RawWebSocketServer.ClientFrame f = peer.read();   // unmasked for you, mask checked
 * }
 * }</pre>
 */
final class RawWebSocketServer implements AutoCloseable {

    /** What the server does with a connection after the handshake, on that connection's thread. */
    interface Script {
        void run(Peer peer) throws Exception;
    }

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final ServerSocket server;
    private final boolean secure;
    private final BlockingQueue<Peer> peers = new LinkedBlockingQueue<>();
    private final List<Peer> all = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final BlockingQueue<Throwable> failures = new LinkedBlockingQueue<>();
    /** What to do after the handshake; the default does nothing (the test drives the peer). */
    volatile Script script = peer -> { };
    /** Bytes sent in the same write as the 101 answer (frames glued to the upgrade). */
    volatile byte[] afterUpgrade = new byte[0];
    /** How long the server thinks before it answers the upgrade request. */
    volatile long upgradeDelayMillis;
    /** When set, the status line the server refuses upgrades with, e.g. {@code "403 Forbidden"}. */
    volatile String refuseWith;

    /**
     * @param tls a server TLS context for {@code wss://}, null for {@code ws://}
     * @param script what to do with each connection; null for nothing
     */
    RawWebSocketServer(SSLContext tls, Script script) throws IOException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        server = tls == null ? new ServerSocket(0, 50, loopback)
                : tls.getServerSocketFactory().createServerSocket(0, 50, loopback);
        secure = tls != null;
        if (script != null) {
            this.script = script;
        }
        Thread acceptor = new Thread(this::accept, "raw-server-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI uri() {
        return URI.create((secure ? "wss" : "ws") + "://127.0.0.1:" + server.getLocalPort() + "/raw");
    }

    /** The next connection that completed its handshake. */
    Peer nextPeer() throws InterruptedException {
        Peer p = peers.poll(5, TimeUnit.SECONDS);
        if (p == null) {
            throw new AssertionError("no client connected within 5 s");
        }
        return p;
    }

    /** How many TCP connections were accepted. */
    int connections() {
        return connections.get();
    }

    /** The first exception a script threw, or null. */
    Throwable failure() {
        return failures.peek();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                int n = connections.incrementAndGet();
                Thread t = new Thread(() -> serve(s), "raw-server-peer-" + n);
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(10_000);
            Peer peer = new Peer(socket);
            all.add(peer);
            String refusal = refuseWith;
            if (refusal != null) {
                peer.refuse(refusal);
                return;
            }
            peer.handshake(afterUpgrade, upgradeDelayMillis);
            peers.add(peer);
            script.run(peer);
        } catch (SocketException | EOFException e) {
            // the client went away: part of several tests
        } catch (Throwable t) {
            failures.add(t);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Peer p : all) {
            p.close();
        }
    }

    /** A frame from the client, unmasked. */
    record ClientFrame(boolean fin, int opcode, boolean masked, int maskKey, byte[] payload) {

        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** The close code of a close frame, or -1 when it has none. */
        int closeCode() {
            return payload.length < 2 ? -1 : ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        }

        /** The close reason of a close frame. */
        String closeReason() {
            return payload.length < 2 ? "" : new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
        }
    }

    /** One client connection. Reads and writes are for one thread at a time. */
    static final class Peer {

        final Socket socket;
        private final DataInputStream in;
        private final OutputStream out;
        volatile String request;

        Peer(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            this.out = socket.getOutputStream();
        }

        /** Reads the upgrade request and answers with an HTTP error. */
        void refuse(String statusLine) throws IOException {
            request = readHead();
            write(("HTTP/1.1 " + statusLine + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            close();
        }

        private String readHead() throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    throw new EOFException("the client closed during the handshake");
                }
                head.write(b);
                matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
            }
            return head.toString(StandardCharsets.ISO_8859_1);
        }

        void handshake(byte[] glued, long delayMillis) throws IOException, NoSuchAlgorithmException,
                InterruptedException {
            request = readHead();
            String key = null;
            for (String line : request.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("sec-websocket-key:")) {
                    key = line.substring(line.indexOf(':') + 1).trim();
                }
            }
            if (key == null) {
                throw new IOException("no Sec-WebSocket-Key in " + request);
            }
            Thread.sleep(delayMillis);
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.ISO_8859_1));
            String answer = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + Base64.getEncoder().encodeToString(sha1) + "\r\n\r\n";
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            all.write(answer.getBytes(StandardCharsets.ISO_8859_1));
            all.write(glued);
            write(all.toByteArray());
        }

        void sendText(String text) throws IOException {
            write(frame(true, FrameParser.OP_TEXT, text.getBytes(StandardCharsets.UTF_8)));
        }

        void send(boolean fin, int opcode, byte[] payload) throws IOException {
            write(frame(fin, opcode, payload));
        }

        void write(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        /** Writes one byte per TCP segment (no-delay socket) with a pause, so reads end anywhere. */
        void writeSlowly(byte[] bytes, long pauseMicros) throws IOException, InterruptedException {
            for (byte b : bytes) {
                out.write(b);
                out.flush();
                TimeUnit.MICROSECONDS.sleep(pauseMicros);
            }
        }

        /** Reads the next client frame. */
        ClientFrame read() throws IOException {
            int b0 = in.readUnsignedByte();
            int b1 = in.readUnsignedByte();
            long length = b1 & 0x7F;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            boolean masked = (b1 & 0x80) != 0;
            int key = masked ? in.readInt() : 0;
            byte[] payload = new byte[(int) length];
            in.readFully(payload);
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= (byte) (key >>> (24 - 8 * (i & 3)));
            }
            return new ClientFrame((b0 & 0x80) != 0, b0 & 0x0F, masked, key, payload);
        }

        /** Reads frames until one with this opcode, failing on anything else but pongs. */
        ClientFrame read(int opcode) throws IOException {
            while (true) {
                ClientFrame f = read();
                if (f.opcode() == opcode) {
                    return f;
                }
                if (f.opcode() != FrameParser.OP_PONG) {
                    throw new AssertionError("expected opcode " + opcode + ", got " + f.opcode() + ": " + f.text());
                }
            }
        }

        /** Whether the client closed the TCP connection within the time (reads and drops frames meanwhile). */
        boolean closedByClient(long millis) throws IOException {
            socket.setSoTimeout((int) millis);
            try {
                while (in.read() >= 0) {
                    // drain
                }
                return true;
            } catch (java.net.SocketTimeoutException e) {
                return false;
            } catch (SocketException e) {
                return true; // reset
            }
        }

        void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // closing
            }
        }
    }

    /** A server (unmasked) frame. */
    static byte[] frame(boolean fin, int opcode, byte[] payload) {
        int length = payload.length;
        int header = length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
        byte[] f = new byte[header + length];
        f[0] = (byte) ((fin ? 0x80 : 0) | opcode);
        if (length < 126) {
            f[1] = (byte) length;
        } else if (length <= 0xFFFF) {
            f[1] = 126;
            f[2] = (byte) (length >>> 8);
            f[3] = (byte) length;
        } else {
            f[1] = 127;
            for (int i = 0; i < 8; i++) {
                f[2 + i] = (byte) ((long) length >>> (56 - 8 * i));
            }
        }
        System.arraycopy(payload, 0, f, header, length);
        return f;
    }

    static byte[] textFrame(String text) {
        return frame(true, FrameParser.OP_TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] closePayload(int code, String reason) {
        byte[] r = reason.getBytes(StandardCharsets.UTF_8);
        byte[] p = new byte[2 + r.length];
        p[0] = (byte) (code >>> 8);
        p[1] = (byte) code;
        System.arraycopy(r, 0, p, 2, r.length);
        return p;
    }
}
