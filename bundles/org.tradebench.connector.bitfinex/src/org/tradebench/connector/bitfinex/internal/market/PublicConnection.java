package org.tradebench.connector.bitfinex.internal.market;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tradebench.connector.bitfinex.internal.session.BitfinexSocket;

/**
 * One public socket and the topics assigned to it (at most 25: Bitfinex's channel limit per
 * connection). Connection 0 is the primary one and always exists; others open only when the
 * channels of every open one are used up. Connector thread only.
 */
final class PublicConnection {

    /** Bitfinex refuses more channels per connection (error 10305). */
    static final int CHANNEL_LIMIT = 25;

    final int index;
    BitfinexSocket socket;
    final List<Topic<?>> topics = new ArrayList<>();
    final Map<Integer, Topic<?>> byChan = new HashMap<>();
    /** The {@code conf} answer arrived: subscriptions may go out. */
    boolean configured;
    /** REST polling replaces this socket. */
    boolean fallback;
    /** Nanos when the socket went down; 0 while open or never opened. */
    long downSinceNanos;
    /** The last REST problem while in fallback, or null. */
    String restProblem;

    PublicConnection(int index) {
        this.index = index;
    }

    boolean hasRoom() {
        return topics.size() < CHANNEL_LIMIT;
    }

    boolean isPrimary() {
        return index == 0;
    }

    @Override
    public String toString() {
        return "public connection " + index + " (" + topics.size() + " channels" + (fallback ? ", REST fallback" : "")
                + ")";
    }
}
