package org.tradebench.connector.bitfinex.internal.trading;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tradebench.api.health.DataState;
import org.tradebench.api.trading.OrderStatus;
import org.tradebench.connector.bitfinex.internal.BitfinexConfig;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexAuth;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexAuthReply;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexChange;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexChannel;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexError;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexFlags;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexNonceSource;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexNotification;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexOrder;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexOwnTrade;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexPosition;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexSink;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexTradeEvent;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexTrailer;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexWallet;
import org.tradebench.connector.bitfinex.internal.session.BitfinexSocket;
import org.tradebench.connector.support.ConnectorRuntime;
import org.tradebench.connector.support.health.HealthModel;
import org.tradebench.connector.support.sign.Signer;
import org.tradebench.connector.support.stream.TradingStream;
import org.tradebench.transport.WebSocketDisconnect;

/**
 * The authenticated socket's protocol: authentication (HMAC-SHA384 with a strictly increasing
 * nonce shared with signed REST calls, optionally with the dead-man switch {@code dms:4}: the
 * exchange cancels every order when this socket drops), the account channel's messages routed to
 * orders ({@code os/on/ou/oc}), wallets ({@code ws/wu}), positions ({@code ps/pn/pu/pc}), own
 * trades ({@code te/tu}: a fill once per trade id, on {@code tu}, which carries the fee) and
 * notifications ({@code n}), and what a loss means: every live order becomes
 * UNKNOWN_AFTER_DISCONNECT until the reconciliation after the next authentication settles it.
 *
 * <p>A key the exchange refuses makes the trading session FAILED with the exchange's text: no
 * amount of reconnecting fixes it.
 *
 * <p>Without a socket ({@link AccountDecoding}) it maps a recording's account channel with the same
 * code and sends nothing.
 *
 * <p>Runtime lock held for everything.
 */
final class AccountSession implements BitfinexSocket.Owner, BitfinexSink {

    private static final System.Logger LOG = System.getLogger(AccountSession.class.getName());

    /** How long a {@code te} waits for its {@code tu}. */
    static final Duration FEE_WAIT = Duration.ofSeconds(3);

    private final BitfinexConfig config;
    private final Signer signer;
    private final BitfinexNonceSource nonces;
    private final HealthModel health;
    private final HealthModel.Session session;
    private final TradingStream events;
    BitfinexSocket socket;
    OrderTracker orders;
    AccountState account;
    Reconciliation reconciliation;
    OrderEntry entry;
    /** Where the wait for a {@code tu} is timed; null without a socket (recordings). */
    ConnectorRuntime runtime;
    /** Own trades seen as {@code te} whose {@code tu} (with the fee) has not come yet, by trade id. */
    private final Map<Long, BitfinexOwnTrade> awaitingFee = new LinkedHashMap<>();
    private boolean authenticated;
    /** Whether an authentication succeeded before: the next one follows a reconnect. */
    private boolean everAuthenticated;
    private String problem = "not connected yet";
    private boolean closed;

    AccountSession(BitfinexConfig config, Signer signer, BitfinexNonceSource nonces, HealthModel health,
            HealthModel.Session session, TradingStream events) {
        this.config = config;
        this.signer = signer;
        this.nonces = nonces;
        this.health = health;
        this.session = session;
        this.events = events;
    }

    boolean authenticated() {
        return authenticated;
    }

    String problem() {
        return problem;
    }

    HealthModel.Session health() {
        return session;
    }

    boolean send(String message) {
        return socket.send(message);
    }

    void close() {
        closed = true;
        session.stopped();
        health.update();
    }

    // ---------------------------------------------------------------- socket life cycle

    @Override
    public void opened(BitfinexSocket s) {
        if (closed) {
            return;
        }
        s.send("{\"event\":\"conf\",\"flags\":" + (BitfinexFlags.TIMESTAMP | BitfinexFlags.SEQ_ALL) + "}");
        nonceRetries = 0;
        authenticate(s);
    }

    private void authenticate(BitfinexSocket s) {
        s.send(BitfinexAuth.authMessage(signer, nonces.next(), config.deadManSwitch() ? BitfinexAuth.DEAD_MAN_SWITCH : 0));
    }

    @Override
    public void lost(BitfinexSocket s, WebSocketDisconnect d) {
        if (closed) {
            return; // closing is not a loss: orders stay as they were
        }
        boolean was = authenticated;
        authenticated = false;
        problem = d.describe();
        session.lost(d.describe());
        events.state(DataState.RESYNCING, "trading connection lost: " + d.describe());
        health.update();
        if (!was) {
            return;
        }
        Instant now = Instant.now();
        reconciliation.sessionLost();
        reconciliation.markTradesMissed(now.toEpochMilli());
        for (TrackedOrder t : orders.live()) {
            if (t.isLive() && t.order.status() != OrderStatus.UNKNOWN_AFTER_DISCONNECT) {
                orders.update(t, OrderStatus.UNKNOWN_AFTER_DISCONNECT, t.order.filledQuantity(), t.order.averagePrice(),
                        "", now);
            }
        }
        entry.lost();
    }

    @Override
    public void sequenceGap(BitfinexSocket s, long expected, long got, boolean accountCounter) {
        session.error();
        LOG.log(Level.WARNING, "Bitfinex account socket: " + (accountCounter ? "account " : "") + "sequence gap (expected "
                + expected + ", got " + got + "); reconciling over REST");
        reconciliation.markTradesMissed(System.currentTimeMillis());
        if (authenticated) {
            reconciliation.reconcile("sequence gap");
        }
    }

    @Override
    public void latency(BitfinexSocket s, Duration roundTrip) {
        session.latency(roundTrip);
    }

    /** A socket silent for too long is reconnected (the watchdog). */
    void checkSilence() {
        if (!closed && socket.isOpen() && socket.silentNanos() > config.silenceReconnect().toNanos()) {
            socket.reconnect("no data on the account socket for " + socket.silentNanos() / 1_000_000 + " ms");
        }
    }

    // ---------------------------------------------------------------- the account channel

    @Override
    public void onPong(long timestamp, long cid) {
        if (socket != null) {
            socket.pong(cid);
        }
    }

    /** Bitfinex's code for a refused authentication nonce ("nonce: small"). */
    private static final int NONCE_REFUSED = 10114;
    /** Authentications sent again after a refused nonce, per connection. */
    private static final int MAX_NONCE_RETRIES = 3;
    private int nonceRetries;

    @Override
    public void onAuth(BitfinexAuthReply reply) {
        if (reply.isOk()) {
            authenticated = true;
            problem = "";
            session.opened();
            events.state(DataState.LIVE, "");
            if (socket == null) {
                return; // a recording: nothing to reconcile with
            }
            LOG.log(Level.INFO, "Bitfinex account socket authenticated" + (config.deadManSwitch()
                    ? " (dead-man switch on)" : ""));
            // the API's causes for people: "start" for the first session, "reconnect" after a loss
            reconciliation.reconcile(everAuthenticated ? "reconnect" : "start");
            everAuthenticated = true;
        } else if (reply.code() == NONCE_REFUSED && socket != null && socket.isOpen()
                && nonceRetries < MAX_NONCE_RETRIES) {
            // A REST call of the same key took a later nonce and reached Bitfinex before this
            // message: the key is fine, the nonce lost the race. Bitfinex accepts another auth.
            nonceRetries++;
            LOG.log(Level.INFO, "Bitfinex refused the authentication nonce (" + reply.message()
                    + "); authenticating again with a new one (" + nonceRetries + "/" + MAX_NONCE_RETRIES + ")");
            authenticate(socket);
            return;
        } else {
            authenticated = false;
            problem = "Bitfinex refused the API key: " + reply.message() + " (code " + reply.code() + ")";
            LOG.log(Level.WARNING, problem);
            session.failed(problem);
            events.state(DataState.FAILED, problem);
        }
        health.update();
    }

    @Override
    public void onInfoCode(int code, String message) {
        if (code == BitfinexFlags.INFO_RECONNECT && socket != null) {
            socket.reconnect("Bitfinex server restarting (info 20051)");
        } else if (code == BitfinexFlags.INFO_MAINTENANCE_START) {
            session.maintenance("Bitfinex maintenance started (info 20060); order entry paused");
            health.update();
        } else if (code == BitfinexFlags.INFO_MAINTENANCE_END) {
            session.maintenance(null);
            health.update();
        }
    }

    @Override
    public void onHeartbeat(BitfinexChannel channel, BitfinexTrailer trailer) {
        seen(trailer);
    }

    @Override
    public void onOrderSnapshot(List<BitfinexOrder> list, BitfinexTrailer trailer) {
        seen(trailer);
        inOrder(() -> {
            for (BitfinexOrder o : list) {
                orders.onExchangeOrder(BitfinexChange.UPDATE, o);
            }
        });
    }

    @Override
    public void onOrder(BitfinexChange change, BitfinexOrder order, BitfinexTrailer trailer) {
        seen(trailer);
        inOrder(() -> orders.onExchangeOrder(change, order));
    }

    @Override
    public void onPositionSnapshot(List<BitfinexPosition> list, BitfinexTrailer trailer) {
        account.onStreamedPositionSnapshot(list);
    }

    @Override
    public void onPosition(BitfinexChange change, BitfinexPosition position, BitfinexTrailer trailer) {
        account.onStreamedPosition(position);
    }

    @Override
    public void onWalletSnapshot(List<BitfinexWallet> wallets, BitfinexTrailer trailer) {
        wallets.forEach(account::onStreamedWallet);
    }

    @Override
    public void onWallet(BitfinexWallet wallet, BitfinexTrailer trailer) {
        account.onStreamedWallet(wallet);
    }

    @Override
    public void onOwnTrade(BitfinexTradeEvent event, BitfinexOwnTrade trade, BitfinexTrailer trailer) {
        seen(trailer);
        inOrder(() -> {
            account.lastOwnTradeMts = Math.max(account.lastOwnTradeMts, trade.time());
            // te comes first without the fee; tu repeats it with the fee; history may have had it.
            // A te whose tu does not come within FEE_WAIT becomes a fill without a fee: a fill is
            // never lost for want of its fee.
            if (event == BitfinexTradeEvent.UPDATED) {
                awaitingFee.remove(trade.id());
                if (!account.filled(trade.id())) {
                    account.emitFill(trade);
                }
            } else if (!account.filled(trade.id()) && awaitingFee.putIfAbsent(trade.id(), trade) == null
                    && runtime != null) {
                runtime.schedule(FEE_WAIT, () -> feeNeverCame(trade.id()));
            }
        });
    }

    @Override
    public void onNotification(BitfinexNotification notification, BitfinexTrailer trailer) {
        seen(trailer);
        entry.onNotification(notification);
    }

    private void feeNeverCame(long tradeId) {
        BitfinexOwnTrade t = awaitingFee.remove(tradeId);
        if (t != null && !closed && !account.filled(tradeId)) {
            LOG.log(Level.INFO, "Bitfinex sent no tu for own trade " + tradeId + " within " + FEE_WAIT.toMillis()
                    + " ms: its fill goes out without the fee");
            account.emitFill(t);
        }
    }

    /** Delivers every own trade still waiting for its {@code tu}, without the fee (end of a recording). */
    void flushAwaitingFees() {
        for (BitfinexOwnTrade t : List.copyOf(awaitingFee.values())) {
            if (!account.filled(t.id())) {
                account.emitFill(t);
            }
        }
        awaitingFee.clear();
    }

    /** Runs an account message now, or after the own trade recovery in progress. */
    private void inOrder(Runnable r) {
        if (reconciliation == null) {
            r.run();
        } else {
            reconciliation.inOrder(r);
        }
    }

    @Override
    public void onError(BitfinexError error) {
        session.error();
        LOG.log(Level.WARNING, "Bitfinex account socket: error " + error.describe());
    }

    /** Keeps Bitfinex's time of the latest account frame (the loss's time in exchange time). */
    private void seen(BitfinexTrailer trailer) {
        if (trailer != null && trailer.hasTimestamp() && reconciliation != null) {
            reconciliation.lastExchangeMts = Math.max(reconciliation.lastExchangeMts, trailer.timestamp());
        }
    }
}
