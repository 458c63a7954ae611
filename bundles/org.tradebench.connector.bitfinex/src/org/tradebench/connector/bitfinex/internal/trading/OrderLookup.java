package org.tradebench.connector.bitfinex.internal.trading;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.tradebench.connector.bitfinex.internal.protocol.BitfinexOrder;
import org.tradebench.connector.bitfinex.internal.rest.BitfinexRest;
import org.tradebench.connector.bitfinex.internal.rest.RestPayloads;
import org.tradebench.connector.support.ConnectorRuntime;
import org.tradebench.transport.HttpResult;

/**
 * Finds an order on the exchange by its {@code cid} (derived from the client order id, so it is
 * known after a restart): among the active orders ({@code POST /v2/auth/r/orders}), then in the
 * order history of the last {@link #HISTORY_DAYS} days ({@code /v2/auth/r/orders/hist}, newest
 * first, {@link #PAGE} rows a page, paging back with {@code end} until the window is done).
 *
 * <p>Runtime lock held for everything; {@code then} runs on the runtime's control thread.
 */
final class OrderLookup {

    private static final System.Logger LOG = System.getLogger(OrderLookup.class.getName());

    /** How far back the order history is searched (Bitfinex keeps about two weeks there). */
    static final int HISTORY_DAYS = 14;
    /** Rows per history page (Bitfinex's maximum for orders/hist is 2,500). */
    static final int PAGE = 2500;
    /** At most this many history pages per lookup. */
    static final int MAX_PAGES = 20;

    /**
     * What was found.
     *
     * @param order the exchange's order
     * @param closed true when it came from the history (no longer active)
     */
    record Found(BitfinexOrder order, boolean closed) {
    }

    private final ConnectorRuntime runtime;
    private final BitfinexRest rest;
    private final RestPayloads payloads;

    OrderLookup(ConnectorRuntime runtime, BitfinexRest rest, RestPayloads payloads) {
        this.runtime = runtime;
        this.rest = rest;
        this.payloads = payloads;
    }

    /**
     * Looks an order up.
     *
     * @param cid the order's cid
     * @param then gets the order, or empty when neither active nor in the history (or REST failed:
     *        the log says which)
     */
    void find(long cid, Consumer<Optional<Found>> then) {
        rest.authPost("auth/r/orders", "{}").thenAccept(r -> runtime.execute(() -> {
            for (BitfinexOrder o : orders(r)) {
                if (o.clientOrderId() != null && o.clientOrderId() == cid) {
                    then.accept(Optional.of(new Found(o, false)));
                    return;
                }
            }
            long now = System.currentTimeMillis();
            history(cid, now - HISTORY_DAYS * 86_400_000L, now, 0, then);
        }));
    }

    private void history(long cid, long start, long end, int page, Consumer<Optional<Found>> then) {
        String body = "{\"start\":" + start + ",\"end\":" + end + ",\"limit\":" + PAGE + "}";
        rest.authPost("auth/r/orders/hist", body).thenAccept(r -> runtime.execute(() -> {
            List<BitfinexOrder> rows = orders(r);
            long oldest = Long.MAX_VALUE;
            for (BitfinexOrder o : rows) {
                if (o.clientOrderId() != null && o.clientOrderId() == cid) {
                    then.accept(Optional.of(new Found(o, true)));
                    return;
                }
                oldest = Math.min(oldest, o.updated() > 0 ? o.updated() : o.created());
            }
            if (rows.size() >= PAGE && page + 1 < MAX_PAGES && oldest > start && oldest != Long.MAX_VALUE) {
                // newest first: the next page ends just before the oldest row of this one
                history(cid, start, oldest - 1, page + 1, then);
                return;
            }
            then.accept(Optional.empty());
        }));
    }

    private List<BitfinexOrder> orders(HttpResult r) {
        if (r instanceof HttpResult.Success ok) {
            try {
                return payloads.orders(ok.body());
            } catch (IllegalArgumentException e) {
                LOG.log(Level.WARNING, "Bitfinex order lookup: the answer could not be read: " + e.getMessage());
                return List.of();
            }
        }
        LOG.log(Level.WARNING, "Bitfinex order lookup failed: " + ((HttpResult.Failure) r).describe());
        return List.of();
    }
}
