package org.tradebench.connector.bitfinex.internal.market;

import java.lang.System.Logger.Level;
import java.util.List;

import org.tradebench.api.health.DataState;
import org.tradebench.api.market.BookReset;
import org.tradebench.connector.bitfinex.internal.BitfinexConfig;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexProtocolException;
import org.tradebench.connector.bitfinex.internal.rest.BitfinexRest;
import org.tradebench.connector.bitfinex.internal.rest.RestPayloads;
import org.tradebench.connector.support.ConnectorRuntime;
import org.tradebench.connector.support.health.HealthModel;
import org.tradebench.transport.HttpResult;

/**
 * Watches the market-data connections for silence and the platform for maintenance: a channel
 * quiet for longer than the stale timeout turns STALE and is resubscribed, a socket quiet for
 * longer than the reconnect timeout is reconnected, and the platform status (greeting, info codes,
 * REST) drives the session's maintenance state. Runtime lock held, except
 * {@link #pollPlatformStatus()} (any thread).
 */
final class PlatformWatch {

    private static final System.Logger LOG = System.getLogger(PlatformWatch.class.getName());

    private final BitfinexMarketData md;
    private final BitfinexConfig config;
    private final ConnectorRuntime runtime;
    private final HealthModel health;
    private final HealthModel.Session session;
    private final BitfinexRest rest;

    PlatformWatch(BitfinexMarketData md, BitfinexConfig config, BitfinexRest rest) {
        this.md = md;
        this.config = config;
        this.runtime = md.runtime();
        this.health = md.health();
        this.session = md.session();
        this.rest = rest;
    }

    /** Checks every connection and channel for silence (every quarter of the stale timeout). */
    void checkSilence() {
        if (md.isClosed()) {
            return;
        }
        long now = System.nanoTime();
        long staleAfter = config.staleAfter().toNanos();
        String staleCause = null;
        for (PublicConnection c : md.connections()) {
            if (!c.isOpen()) {
                continue;
            }
            long silent = c.socket.silentNanos();
            if (silent > config.silenceReconnect().toNanos()) {
                c.socket.reconnect("no data at all for " + silent / 1_000_000 + " ms");
                continue;
            }
            for (Topic t : List.copyOf(c.topics)) {
                if (t.chanId == 0 && !t.subscribing) {
                    continue;
                }
                long quiet = now - t.lastDataNanos;
                if (!t.stale && quiet > staleAfter) {
                    t.stale = true;
                    String why = "no data on " + t.describe() + " for " + quiet / 1_000_000 + " ms";
                    LOG.log(Level.INFO, "Bitfinex " + why + "; resubscribing");
                    if (t.chanId != 0) {
                        c.resubscribe(t, BookReset.STALE);
                    }
                    t.state(DataState.STALE, why);
                    t.lastDataNanos = now;
                }
                if (t.stale && staleCause == null) {
                    staleCause = "no data on " + t.describe() + " for more than " + config.staleAfter().toMillis()
                            + " ms";
                }
            }
        }
        session.stale(staleCause);
        health.update();
    }

    /**
     * The exchange announced maintenance (info 20060), or its end (20061, cause null).
     *
     * @param cause what it said, null when maintenance ended
     */
    void maintenance(String cause) {
        session.maintenance(cause);
        health.update();
    }

    /** Whether the exchange is in maintenance. */
    boolean inMaintenance() {
        return session.inMaintenance();
    }

    /**
     * A platform status arrived (the greeting, or REST).
     *
     * @param status 1 operative, 0 maintenance
     * @param source where it came from, for the cause
     */
    void platformStatus(int status, String source) {
        if (status == 0) {
            session.maintenance("Bitfinex is in maintenance (" + source + " 0)");
        } else if (status == 1 && session.inMaintenance()) {
            session.maintenance(null);
        }
        health.update();
    }

    /** Asks the platform status (at start and while the socket is down). */
    void pollPlatformStatus() {
        if (rest == null) {
            return;
        }
        rest.get("platform/status", true).thenAccept(r -> runtime.execute(() -> {
            if (r instanceof HttpResult.Success ok) {
                try {
                    platformStatus(RestPayloads.platformStatus(ok.body()), "REST platform status");
                } catch (BitfinexProtocolException e) {
                    session.error();
                }
            }
        }));
    }
}
