package org.tradebench.connector.simulated.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tradebench.api.Decimals;
import org.tradebench.api.account.Balance;
import org.tradebench.api.account.MarginMode;
import org.tradebench.api.account.Position;
import org.tradebench.api.account.PositionSide;
import org.tradebench.api.market.Side;

/**
 * The paper account "main": an exchange wallet holding the spot currencies, a margin wallet holding
 * the perpetual's settle currency, holds that reserve balance for working orders, and positions on
 * perpetuals with a leverage and a margin mode (isolated unless set to cross) per instrument.
 *
 * <h2>Money rules</h2>
 * <ul>
 * <li><b>Wallets</b>: the exchange wallet ({@value Balance#EXCHANGE}) holds USD, BTC, ETH and SOL for
 * spot trading; the margin wallet ({@value Balance#MARGIN}) holds the USD that margins perpetual
 * positions. Each USD wallet starts with the configured paper balance (there are no transfers
 * between them, so each side of the account can trade on its own).</li>
 * <li><b>Fees</b>: maker {@value #MAKER_FEE_TEXT}, taker {@value #TAKER_FEE_TEXT} of the fill's
 * notional (price × quantity), always charged in USD from the wallet the instrument trades from.</li>
 * <li><b>Spot</b>: a buy pays {@code notional + fee} USD and receives the quantity; a sell gives the
 * quantity and receives {@code notional - fee} USD. A working buy holds
 * {@code quantity × price × (1 + taker fee)} USD (at the trigger price plus
 * {@value #STOP_BUFFER_TEXT} for a stop/take-profit market buy, at the book's sweep cost for a
 * market buy); a working sell holds the quantity.</li>
 * <li><b>Perpetual</b>: the margin wallet ({@code total}) holds deposits plus realised P&amp;L minus
 * fees. An order holds initial margin for the part that opens or increases a position,
 * {@code quantity × price / leverage}, plus the taker fee. A position locks
 * {@code |quantity| × entry / leverage} as isolated margin. Entry is the quantity-weighted average
 * of the opening fills; closing fills realise {@code (price - entry) × closed × sign}. Realised P&amp;L
 * is counted since the position opened and includes its fees; a flip closes one position and
 * opens another.</li>
 * <li><b>Available</b> = total - holds - (for the margin wallet) position margins.</li>
 * <li><b>Liquidation price</b> (isolated margin approximation): long
 * {@code entry × (1 - 1/leverage + mmr)}, short {@code entry × (1 + 1/leverage - mmr)} with a
 * maintenance margin rate {@code mmr} of {@value #MAINTENANCE_MARGIN_TEXT}: the price at which the
 * loss has eaten the initial margin down to the maintenance margin. The venue closes the position
 * with a reduce-only market order when the mark price reaches it.</li>
 * <li><b>Cross margin</b>: the whole margin wallet backs the position (less the margins of isolated
 * positions): liquidated when {@code wallet + (price - entry) × q = mmr × |q| × price}, that is at
 * {@code (entry × q - wallet) / (q × (1 - mmr × sign q))} with {@code q} signed; none when that is
 * not above zero (the wallet covers any fall).</li>
 * </ul>
 *
 * <p>Owned by the venue's thread (under the runtime lock).
 */
final class Account {

    /** The account id of the simulated exchange's only trading account. */
    static final String ID = "main";

    static final String MAKER_FEE_TEXT = "0.0002";
    static final String TAKER_FEE_TEXT = "0.0005";
    static final String STOP_BUFFER_TEXT = "0.02";
    static final String MAINTENANCE_MARGIN_TEXT = "0.005";

    static final BigDecimal MAKER_FEE = new BigDecimal(MAKER_FEE_TEXT);
    static final BigDecimal TAKER_FEE = new BigDecimal(TAKER_FEE_TEXT);
    /** Extra hold for spot buys that execute at market once triggered: the price may slip past the trigger. */
    static final BigDecimal STOP_BUFFER = new BigDecimal(STOP_BUFFER_TEXT);
    static final BigDecimal MAINTENANCE_MARGIN = new BigDecimal(MAINTENANCE_MARGIN_TEXT);
    /** The quote currency of every spot instrument and the settle currency of the perpetual. */
    static final String SETTLE = "USD";
    // Extra decimals for averages and divisions, beyond the instrument's own scale.
    private static final int EXTRA_SCALE = 8;

    private final String exchangeId;
    private final BigDecimal defaultLeverage;
    private final Map<String, Wallet> wallets = new LinkedHashMap<>();
    private final Wallet margin;
    private final Map<InstrumentState, PerpPosition> positions = new LinkedHashMap<>();
    private final Map<InstrumentState, BigDecimal> leverages = new HashMap<>();
    private final Map<InstrumentState, MarginMode> marginModes = new HashMap<>();

    /**
     * Creates the account.
     *
     * @param exchangeId the connector id
     * @param paperBalance USD each of the two USD wallets starts with
     * @param leverage the leverage of every perpetual until configured otherwise
     * @param spotCurrencies the exchange wallet's currencies, USD first
     */
    Account(String exchangeId, BigDecimal paperBalance, int leverage, List<String> spotCurrencies) {
        this.exchangeId = exchangeId;
        this.defaultLeverage = BigDecimal.valueOf(leverage);
        for (String c : spotCurrencies) {
            Wallet w = new Wallet(Balance.EXCHANGE, c, c.equals(SETTLE) ? paperBalance : BigDecimal.ZERO);
            wallets.put(key(w.wallet, c), w);
        }
        this.margin = new Wallet(Balance.MARGIN, SETTLE, paperBalance);
        wallets.put(key(Balance.MARGIN, SETTLE), margin);
    }

    private static String key(String wallet, String currency) {
        return wallet + "/" + currency;
    }

    /** The leverage of a perpetual's position and orders. */
    BigDecimal leverage(InstrumentState market) {
        return leverages.getOrDefault(market, defaultLeverage);
    }

    /** Sets the leverage of a perpetual; the caller checked the instrument is flat with no working orders. */
    void setLeverage(InstrumentState market, BigDecimal leverage) {
        leverages.put(market, Decimals.normalize(leverage));
        PerpPosition p = position(market);
        p.dirty = true;
    }

    /** The margin mode of a perpetual's position: isolated unless set to cross. */
    MarginMode marginMode(InstrumentState market) {
        return marginModes.getOrDefault(market, MarginMode.ISOLATED);
    }

    /** Sets the margin mode of a perpetual; the caller checked it is flat with no working orders. */
    void setMarginMode(InstrumentState market, MarginMode mode) {
        marginModes.put(market, mode);
        position(market).dirty = true;
    }

    /** A wallet of the exchange (spot) side. */
    Wallet spot(String currency) {
        Wallet w = wallets.get(key(Balance.EXCHANGE, currency));
        if (w == null) {
            throw new IllegalArgumentException("no exchange wallet for " + currency);
        }
        return w;
    }

    /** The USD wallet that margins perpetual positions. */
    Wallet margin() {
        return margin;
    }

    /** The wallet an instrument's USD moves in: exchange USD for spot, margin USD for the perpetual. */
    Wallet quoteWallet(InstrumentProfile profile) {
        return profile.isPerpetual() ? margin : spot(SETTLE);
    }

    Iterable<Wallet> wallets() {
        return wallets.values();
    }

    BigDecimal available(Wallet w) {
        BigDecimal a = w.total.subtract(w.held);
        if (w == margin) {
            for (PerpPosition p : positions.values()) {
                a = a.subtract(p.margin);
            }
        }
        return a;
    }

    /** Reserves {@code amount} of a wallet; the caller checked it is available. */
    Hold hold(Wallet w, BigDecimal amount) {
        w.held = w.held.add(amount);
        w.dirty = true;
        return new Hold(w, amount);
    }

    /** Uses part of a hold (a fill spent it). */
    void consume(Hold h, BigDecimal amount) {
        BigDecimal used = amount.min(h.remaining);
        if (used.signum() <= 0) {
            return;
        }
        h.remaining = h.remaining.subtract(used);
        h.wallet.held = h.wallet.held.subtract(used);
        h.wallet.dirty = true;
    }

    /** Makes a hold reserve {@code amount} instead (an amend); the caller checked the difference is available. */
    void resize(Hold h, BigDecimal amount) {
        h.wallet.held = h.wallet.held.subtract(h.remaining).add(amount);
        h.remaining = amount;
        h.wallet.dirty = true;
    }

    /** Drops one order's claim on a hold; the last claim gives back what is left. */
    void release(Hold h) {
        if (--h.refs > 0) {
            return;
        }
        h.wallet.held = h.wallet.held.subtract(h.remaining);
        h.remaining = BigDecimal.ZERO;
        h.wallet.dirty = true;
    }

    /** Books a spot fill in the exchange wallet: moves base and quote and charges the fee. */
    void spotFill(String base, Side side, BigDecimal price, BigDecimal quantity, BigDecimal fee) {
        Wallet usd = spot(SETTLE);
        Wallet coin = spot(base);
        BigDecimal notional = price.multiply(quantity);
        if (side == Side.BUY) {
            usd.total = usd.total.subtract(notional).subtract(fee);
            coin.total = coin.total.add(quantity);
        } else {
            coin.total = coin.total.subtract(quantity);
            usd.total = usd.total.add(notional).subtract(fee);
        }
        usd.dirty = true;
        coin.dirty = true;
    }

    /** Books a spot buy whose fee is taken from the currency bought (Bitfinex's rule). */
    void spotBuyFeeInBase(String base, BigDecimal price, BigDecimal quantity, BigDecimal feeInBase) {
        Wallet usd = spot(SETTLE);
        Wallet coin = spot(base);
        usd.total = usd.total.subtract(price.multiply(quantity));
        coin.total = coin.total.add(quantity).subtract(feeInBase);
        usd.dirty = true;
        coin.dirty = true;
    }

    /** The signed position quantity of a perpetual (positive long), zero when flat or unknown. */
    BigDecimal signedPosition(InstrumentState market) {
        PerpPosition p = positions.get(market);
        return p == null ? BigDecimal.ZERO : p.quantity;
    }

    PerpPosition position(InstrumentState market) {
        return positions.computeIfAbsent(market, PerpPosition::new);
    }

    Iterable<PerpPosition> positions() {
        return positions.values();
    }

    /** Books a perpetual fill: the fee, the position's entry or realised P&amp;L, and its margin. */
    void perpFill(InstrumentState market, Side side, BigDecimal price, BigDecimal quantity, BigDecimal fee) {
        PerpPosition p = position(market);
        int scale = market.profile.priceScale() + EXTRA_SCALE;
        BigDecimal signed = side == Side.BUY ? quantity : quantity.negate();
        BigDecimal old = p.quantity;
        if (old.signum() == 0 || old.signum() == signed.signum()) {
            // Opening or increasing: the entry is the quantity-weighted average.
            BigDecimal oldAbs = old.abs();
            BigDecimal cost = p.entry == null ? BigDecimal.ZERO : p.entry.multiply(oldAbs);
            p.entry = Decimals.normalize(cost.add(price.multiply(quantity))
                    .divide(oldAbs.add(quantity), scale, RoundingMode.HALF_EVEN));
            if (old.signum() == 0) {
                p.realized = BigDecimal.ZERO;
            }
            p.quantity = old.add(signed);
        } else {
            // Reducing, closing or flipping: the closed part realises its P&L at the entry.
            BigDecimal closed = quantity.min(old.abs());
            BigDecimal pnl = price.subtract(p.entry).multiply(closed);
            if (old.signum() < 0) {
                pnl = pnl.negate();
            }
            margin.total = margin.total.add(pnl);
            p.realized = p.realized.add(pnl);
            p.quantity = old.add(signed);
            if (p.quantity.signum() == 0) {
                p.entry = null;
            } else if (p.quantity.signum() != old.signum()) {
                p.entry = price; // flipped: the rest opened a new position at this price
                p.realized = BigDecimal.ZERO;
            }
        }
        margin.total = margin.total.subtract(fee);
        p.realized = p.realized.subtract(fee);
        p.margin = p.entry == null ? BigDecimal.ZERO
                : Decimals.normalize(p.quantity.abs().multiply(p.entry).divide(leverage(market), scale,
                        RoundingMode.HALF_EVEN));
        p.quantity = Decimals.normalize(p.quantity);
        p.dirty = true;
        margin.dirty = true;
    }

    /** The liquidation price of a position, or null when flat (see the class documentation). */
    BigDecimal liquidationPrice(PerpPosition p) {
        if (p.quantity.signum() == 0 || p.entry == null) {
            return null;
        }
        int scale = p.market.profile.priceScale() + EXTRA_SCALE;
        if (marginMode(p.market) == MarginMode.CROSS) {
            BigDecimal wallet = margin.total;
            for (PerpPosition other : positions.values()) {
                if (other != p && marginMode(other.market) == MarginMode.ISOLATED) {
                    wallet = wallet.subtract(other.margin);
                }
            }
            BigDecimal q = p.quantity;
            BigDecimal denominator = q.multiply(BigDecimal.ONE.subtract(MAINTENANCE_MARGIN.multiply(
                    BigDecimal.valueOf(q.signum()))));
            BigDecimal price = p.entry.multiply(q).subtract(wallet).divide(denominator, scale, RoundingMode.HALF_EVEN);
            return price.signum() <= 0 ? null : p.market.profile.spec().roundPrice(price, RoundingMode.HALF_EVEN);
        }
        BigDecimal inverse = BigDecimal.ONE.divide(leverage(p.market), scale, RoundingMode.HALF_EVEN);
        BigDecimal factor = p.quantity.signum() > 0
                ? BigDecimal.ONE.subtract(inverse).add(MAINTENANCE_MARGIN)
                : BigDecimal.ONE.add(inverse).subtract(MAINTENANCE_MARGIN);
        return p.market.profile.spec().roundPrice(p.entry.multiply(factor), RoundingMode.HALF_EVEN);
    }

    /** The API value of a position at a mark price (nullable when unknown). */
    Position positionValue(PerpPosition p, BigDecimal mark, Instant time) {
        BigDecimal q = p.quantity;
        PositionSide side = q.signum() > 0 ? PositionSide.LONG : q.signum() < 0 ? PositionSide.SHORT : PositionSide.FLAT;
        BigDecimal upnl = mark == null || p.entry == null ? BigDecimal.ZERO : mark.subtract(p.entry).multiply(q);
        return new Position(p.market.profile.id(), side, q.abs(), p.entry, mark, upnl, p.realized,
                leverage(p.market), liquidationPrice(p), time, ID, marginMode(p.market), p.margin, false);
    }

    Balance balance(Wallet w, Instant time) {
        return new Balance(exchangeId, ID, w.wallet, w.currency, w.total, available(w), null, time);
    }

    /** Balances of all wallets: the exchange wallet's currencies, then the margin wallet. */
    List<Balance> balances(Instant time) {
        List<Balance> out = new ArrayList<>(wallets.size());
        for (Wallet w : wallets.values()) {
            out.add(balance(w, time));
        }
        return out;
    }

    /** One currency in one wallet. */
    static final class Wallet {
        final String wallet;
        final String currency;
        BigDecimal total;
        BigDecimal held = BigDecimal.ZERO;
        boolean dirty;
        Balance published;

        Wallet(String wallet, String currency, BigDecimal total) {
            this.wallet = wallet;
            this.currency = currency;
            this.total = total;
        }

        @Override
        public String toString() {
            return wallet + " " + currency;
        }
    }

    /** Balance reserved for one order (or an OCO pair sharing it: {@code refs} claims). */
    static final class Hold {
        final Wallet wallet;
        BigDecimal remaining;
        int refs = 1;

        Hold(Wallet wallet, BigDecimal amount) {
            this.wallet = wallet;
            this.remaining = amount;
        }
    }

    /** A perpetual position (signed quantity: positive long, negative short). */
    static final class PerpPosition {
        final InstrumentState market;
        BigDecimal quantity = BigDecimal.ZERO;
        BigDecimal entry;
        BigDecimal realized = BigDecimal.ZERO;
        BigDecimal margin = BigDecimal.ZERO;
        boolean dirty;
        Position published;

        PerpPosition(InstrumentState market) {
            this.market = market;
        }
    }
}
