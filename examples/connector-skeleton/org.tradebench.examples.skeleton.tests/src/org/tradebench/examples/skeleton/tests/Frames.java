package org.tradebench.examples.skeleton.tests;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Frames as the Skeleton Exchange sends them (recorded from the simulator), and the protocol's
 * checksum computed the way the protocol describes it, independently of the connector's.
 */
final class Frames {

    static final String WELCOME = "{\"type\":\"welcome\",\"seq\":1,\"instruments\":["
            + "{\"symbol\":\"BTC-USD\",\"base\":\"BTC\",\"quote\":\"USD\",\"tick\":\"0.1\",\"lot\":\"0.0001\"},"
            + "{\"symbol\":\"ETH-USD\",\"base\":\"ETH\",\"quote\":\"USD\",\"tick\":\"0.01\",\"lot\":\"0.001\"}]}";
    static final String SUBSCRIBED = "{\"type\":\"subscribed\",\"seq\":2,\"req\":1,\"channel\":\"book\","
            + "\"symbol\":\"BTC-USD\"}";
    static final String TICKER = "{\"type\":\"ticker\",\"seq\":9,\"symbol\":\"BTC-USD\",\"time\":1764921600000,"
            + "\"bid\":\"64999.9\",\"bidSize\":\"0.0150\",\"ask\":\"65000.1\",\"askSize\":\"0.2500\","
            + "\"last\":\"65000.0\",\"volume\":\"12.3456\"}";
    static final String TRADE = "{\"type\":\"trade\",\"seq\":10,\"symbol\":\"BTC-USD\",\"id\":\"1001\","
            + "\"time\":1764921600123,\"price\":\"65000.1\",\"size\":\"0.0020\",\"side\":\"buy\"}";
    static final String ERROR = "{\"type\":\"error\",\"seq\":11,\"req\":4,\"code\":404,"
            + "\"message\":\"unknown symbol SOL-USD\"}";

    private Frames() {
    }

    /** A snapshot of BTC-USD with its checksum. */
    static String snapshot(long seq, String[][] bids, String[][] asks) {
        return "{\"type\":\"snapshot\",\"seq\":" + seq + ",\"symbol\":\"BTC-USD\",\"time\":1764921600000,\"bids\":"
                + rows(bids) + ",\"asks\":" + rows(asks) + ",\"checksum\":" + checksum(bids, asks) + "}";
    }

    /** An update of BTC-USD carrying the checksum of the book after it. */
    static String update(long seq, String[][] bidRows, String[][] askRows, int checksum) {
        return "{\"type\":\"update\",\"seq\":" + seq + ",\"symbol\":\"BTC-USD\",\"time\":1764921600050,\"bids\":"
                + rows(bidRows) + ",\"asks\":" + rows(askRows) + ",\"checksum\":" + checksum + "}";
    }

    static String rows(String[][] rows) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < rows.length; i++) {
            sb.append(i == 0 ? "" : ",").append("[\"").append(rows[i][0]).append("\",\"").append(rows[i][1]).append("\"]");
        }
        return sb.append(']').toString();
    }

    /** CRC32 of "price:size" of bid 0, ask 0, bid 1, ask 1, ... joined with ':', as a signed int. */
    static int checksum(String[][] bids, String[][] asks) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.max(bids.length, asks.length) && i < 25; i++) {
            for (String[][] side : new String[][][] {bids, asks}) {
                if (i < side.length) {
                    sb.append(sb.length() == 0 ? "" : ":").append(side[i][0]).append(':').append(side[i][1]);
                }
            }
        }
        CRC32 crc = new CRC32();
        crc.update(sb.toString().getBytes(StandardCharsets.US_ASCII));
        return (int) crc.getValue();
    }

    static byte[] bytes(String frame) {
        return frame.getBytes(StandardCharsets.UTF_8);
    }
}
