package org.tradebench.connector.bitfinex.internal.protocol;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The configuration endpoints the connector loads its instruments from:
 * {@code GET /v2/conf/pub:list:pair:exchange,pub:list:pair:futures,pub:info:pair,pub:info:pair:futures}
 * answers one array per label: the spot pairs ({@code ["BTCUSD","ETHUSD","DOGE:USD",...]}), the
 * derivative pairs ({@code ["BTCF0:USTF0",...]}), and for each
 * {@code [[PAIR,[_,_,_,MIN_ORDER_SIZE,MAX_ORDER_SIZE,_,_,_,INITIAL_MARGIN,MIN_MARGIN]],...]}.
 *
 * <pre>{@code
 * List<BitfinexPairInfo> pairs = BitfinexConf.pairs(body);
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class BitfinexConf {

    /** The labels asked for, in the order {@link #pairs(String)} reads them. */
    public static final String PAIRS_PATH = "conf/pub:list:pair:exchange,pub:list:pair:futures,pub:info:pair,"
            + "pub:info:pair:futures";

    private BitfinexConf() {
    }

    /**
     * One pair and its limits.
     *
     * @param raw the trading symbol, for example {@code tBTCUSD} or {@code tBTCF0:USTF0}
     * @param minOrderSize the smallest order, nullable when the exchange says nothing
     * @param maxOrderSize the largest order, nullable
     * @param derivative true for a perpetual (from the futures list)
     */
    public record BitfinexPairInfo(String raw, BigDecimal minOrderSize, BigDecimal maxOrderSize, boolean derivative) {
        /** Validates. */
        public BitfinexPairInfo {
            Objects.requireNonNull(raw, "raw");
        }
    }

    /**
     * Reads the answer to {@link #PAIRS_PATH}.
     *
     * @param body the REST body
     * @return every listed pair with its limits, spot pairs first
     * @throws BitfinexProtocolException when the body does not have that shape
     */
    public static List<BitfinexPairInfo> pairs(String body) {
        List<Object> top = BitfinexJson.readTopArray(body, "conf pairs");
        if (top.size() < 4) {
            throw new BitfinexProtocolException("conf pairs: expected 4 arrays (spot, futures, info, futures info), got "
                    + top.size());
        }
        Map<String, BigDecimal[]> limits = new HashMap<>();
        info(top.get(2), "pub:info:pair", limits);
        info(top.get(3), "pub:info:pair:futures", limits);
        Map<String, BitfinexPairInfo> out = new LinkedHashMap<>();
        for (int list = 0; list < 2; list++) {
            if (!(top.get(list) instanceof List<?> pairs)) {
                throw new BitfinexProtocolException("conf pairs: list " + (list + 1) + " is not an array");
            }
            for (Object p : pairs) {
                if (!(p instanceof String pair) || pair.isEmpty()) {
                    throw new BitfinexProtocolException("conf pairs: a pair is not a string: " + p);
                }
                BigDecimal[] l = limits.get(pair);
                out.put(pair, new BitfinexPairInfo("t" + pair, l == null ? null : l[0], l == null ? null : l[1],
                        list == 1));
            }
        }
        return new ArrayList<>(out.values());
    }

    private static void info(Object value, String label, Map<String, BigDecimal[]> into) {
        if (!(value instanceof List<?> rows)) {
            throw new BitfinexProtocolException("conf " + label + " is not an array");
        }
        for (int i = 0; i < rows.size(); i++) {
            if (!(rows.get(i) instanceof List<?> row) || row.size() < 2 || !(row.get(0) instanceof String pair)
                    || !(row.get(1) instanceof List<?> info)) {
                throw new BitfinexProtocolException("conf " + label + " row " + (i + 1) + " is not [PAIR,[...]]");
            }
            BitfinexJson.Row r = new BitfinexJson.Row(info, "conf " + label + " " + pair);
            into.put(pair, new BigDecimal[] {positiveOrNull(r.decimal(3, "MIN_ORDER_SIZE")),
                positiveOrNull(r.decimal(4, "MAX_ORDER_SIZE"))});
        }
    }

    private static BigDecimal positiveOrNull(BigDecimal v) {
        return v == null || v.signum() <= 0 ? null : v;
    }
}
