package org.tradebench.connector.binance.internal.trading;

/** Ids of orders found on the exchange that this connector did not send. */
final class OrderRequestIds {

    private OrderRequestIds() {
    }

    /**
     * Our id for an order found on Binance: its client id when it fits ours
     * ({@code [A-Za-z0-9_-]{1,36}}), else {@code bn-} and its characters that fit.
     */
    static String shown(String binanceClientId) {
        if (binanceClientId != null && binanceClientId.matches("[A-Za-z0-9_-]{1,36}")) {
            return binanceClientId;
        }
        String cleaned = binanceClientId == null ? "" : binanceClientId.replaceAll("[^A-Za-z0-9_-]", "_");
        String id = "bn-" + cleaned;
        return id.length() > 36 ? id.substring(0, 36) : id;
    }
}
