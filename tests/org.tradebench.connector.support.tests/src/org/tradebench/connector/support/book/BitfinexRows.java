package org.tradebench.connector.support.book;

import java.nio.charset.StandardCharsets;

import org.tradebench.api.market.Side;
import org.tradebench.connector.support.json.JsonScanner;

/**
 * Feeds Bitfinex book frames to a {@link ChecksumBookSync} the way a decoder does, with the rows'
 * wire texts: aggregated rows {@code [PRICE,COUNT,AMOUNT]} (a count of 0 removes the level) and raw
 * rows {@code [ORDER_ID,PRICE,AMOUNT]} (a price of 0 removes the order). The amount's sign says the
 * side; the wire text keeps it. Prices and amounts are read at scale 8.
 */
final class BitfinexRows {

    private final JsonScanner scan = new JsonScanner();
    private final ChecksumBookSync sync;
    private final boolean raw;

    BitfinexRows(ChecksumBookSync sync, boolean raw) {
        this.sync = sync;
        this.raw = raw;
    }

    /** A snapshot frame {@code [CHAN,[[..],[..],..]]}: snapshotStart, every row, snapshotEnd. */
    void snapshot(String frame, long time) {
        byte[] b = frame.getBytes(StandardCharsets.US_ASCII);
        int n = b.length;
        int p = JsonScanner.expect(b, n, 0, '[', "at the start");
        scan.readInteger(b, n, p, "the channel id");
        p = JsonScanner.expect(b, n, JsonScanner.afterComma(b, n, scan.end()), '[', "before the rows");
        sync.snapshotStart();
        while (true) {
            p = row(b, n, p);
            int q = JsonScanner.afterComma(b, n, p);
            if (q < 0) {
                break;
            }
            p = q;
        }
        sync.snapshotEnd(time, time + 1, System.nanoTime());
    }

    /** An update frame {@code [CHAN,[..]]}: the row, then updateEnd. */
    void update(String frame, long time) {
        byte[] b = frame.getBytes(StandardCharsets.US_ASCII);
        int n = b.length;
        int p = JsonScanner.expect(b, n, 0, '[', "at the start");
        scan.readInteger(b, n, p, "the channel id");
        row(b, n, JsonScanner.afterComma(b, n, scan.end()));
        sync.updateEnd(time, time + 1, System.nanoTime());
    }

    /** One row at {@code p} (its '['); returns the index after its ']'. */
    int row(byte[] b, int n, int p) {
        p = JsonScanner.expect(b, n, p, '[', "before a row");
        int s0 = p;
        long first = raw ? scan.readInteger(b, n, p, "the order id") : scan.readUnits(b, n, p, 8, "the price");
        int e0 = scan.end();
        int s1 = JsonScanner.afterComma(b, n, e0);
        long second = raw ? scan.readUnits(b, n, s1, 8, "the price") : scan.readInteger(b, n, s1, "the count");
        int s2 = JsonScanner.afterComma(b, n, scan.end());
        long amount = scan.readUnits(b, n, s2, 8, "the amount");
        int e2 = scan.end();
        Side side = amount > 0 ? Side.BUY : Side.SELL;
        if (raw) {
            long size = second == 0 ? 0 : Math.abs(amount);
            sync.row(side, second, size, -1, first, b, s0, e0, s2, e2);
        } else {
            long size = second == 0 ? 0 : Math.abs(amount);
            sync.row(side, first, size, (int) second, 0, b, s0, e0, s2, e2);
        }
        return JsonScanner.expect(b, n, e2, ']', "after a row");
    }
}
