package org.tradebench.connector.binance.internal.market;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.tradebench.api.health.DataState;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.connector.support.rest.RestFallback;
import org.tradebench.connector.support.stream.SharedStream;

/**
 * One API stream of one instrument and the Binance streams that feed it (a ticker is fed by
 * {@code <s>@bookTicker} and {@code <s>@ticker}; everything else by one stream). Reference counted
 * through its shared stream: the first subscriber subscribes its streams on their routes, the last
 * one unsubscribes them. Runtime lock held for every method.
 */
abstract class Topic implements SharedStream.Owner, RestFallback.Poll {

    final String key;
    final BinanceMarketData md;
    final InstrumentId instrument;
    final String raw;
    final String[] streams;
    final byte[][] streamBytes;
    final StreamSocket[] sockets;
    private int holders;
    boolean acquired;

    Topic(String key, BinanceMarketData md, InstrumentId instrument, String raw, String... streams) {
        this.key = key;
        this.md = md;
        this.instrument = instrument;
        this.raw = raw;
        this.streams = streams;
        this.streamBytes = new byte[streams.length][];
        this.sockets = new StreamSocket[streams.length];
        for (int i = 0; i < streams.length; i++) {
            streamBytes[i] = streams[i].getBytes(StandardCharsets.US_ASCII);
            sockets[i] = md.socketFor(streams[i]);
        }
    }

    /** The shared stream subscribers attach to. */
    abstract SharedStream<?> stream();

    /**
     * A payload of one of this topic's streams: the {@code data} value between {@code start} and
     * {@code end} (the closing brace included) of a frame held in {@code b}.
     *
     * @param index which of {@link #streams}
     */
    abstract void onData(int index, byte[] b, int start, int end, long receivedMillis, long receivedNanos);

    /** The socket of a stream went down (a book resets, the others wait). */
    void down(StreamSocket socket, String reason) {
        DataState s = stream().state();
        if (s == DataState.LIVE) {
            stream().state(DataState.RESYNCING, reason);
        }
    }

    /** The socket of a stream is open again: a stream served from REST waits for the socket's data. */
    void up(StreamSocket socket) {
        if (stream().state() == DataState.REST_FALLBACK) {
            stream().state(DataState.RESYNCING, "reconnected; waiting for the stream");
        }
    }

    /** Polls the REST replacement of this stream while its socket is down (default: none). */
    @Override
    public void poll() {
    }

    /** Whether this topic has a REST replacement. */
    boolean pollable() {
        return false;
    }

    /** The exchange refused a stream, or the instrument is gone: FAILED with the cause. */
    void failed(String cause) {
        stream().end(DataState.FAILED, cause);
    }

    /** The connector closed. */
    void closed() {
        stream().end(DataState.CLOSED, "connector closed");
    }

    /** Data arrived: the stream is LIVE (unless it ended). */
    final void live() {
        SharedStream<?> s = stream();
        if (s.state() != DataState.LIVE && !s.isEnded()) {
            s.state(DataState.LIVE, "");
        }
    }

    static Instant instant(long millis) {
        return Instant.ofEpochMilli(millis);
    }

    @Override
    public final void firstSubscriber(SharedStream<?> stream) {
        if (holders++ == 0) {
            md.acquire(this);
        }
    }

    @Override
    public final void lastSubscriberLeft(SharedStream<?> stream) {
        if (--holders == 0) {
            md.release(this);
        }
    }

    @Override
    public String toString() {
        return key + " " + stream().state().name();
    }
}
