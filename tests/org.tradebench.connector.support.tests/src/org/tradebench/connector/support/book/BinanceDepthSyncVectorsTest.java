package org.tradebench.connector.support.book;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.function.BiFunction;

import org.junit.jupiter.api.Test;
import org.tradebench.api.market.Side;
import org.tradebench.core.book.OrderBook;
import org.tradebench.core.book.ScaledDecimal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Binance's published depth payload examples, replayed under the rules Binance states beside them
 * ({@code binance_depth_sync_rules.json}, see VECTORS.md): the spot procedure's step 4 and 5, the
 * futures first-event and {@code pu} rules, and the key differences between the two.
 */
class BinanceDepthSyncVectorsTest {

    private static final int SCALE = 8;

    private static final JsonObject VECTORS = load("binance_depth_sync_rules.json");

    private final RecordingTarget target = new RecordingTarget(new OrderBook(SCALE, SCALE));

    private static JsonObject load(String name) {
        try (InputStream in = BinanceDepthSyncVectorsTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("test vector file " + name + " is not on the test classpath");
            }
            return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The spot diff payload as the docs print it: JavaScript with comments, made JSON. */
    private static JsonObject spotPayload() {
        String markdown = VECTORS.get("spot_markdown_verbatim").getAsString();
        int start = markdown.indexOf("```javascript") + "```javascript".length();
        String code = markdown.substring(start, markdown.indexOf("```", start));
        return JsonParser.parseString(code.replaceAll("//[^\n]*", "")).getAsJsonObject();
    }

    private static long units(JsonElement decimalText) {
        return ScaledDecimal.toUnits(new BigDecimal(decimalText.getAsString()), SCALE);
    }

    private static String decimal(long units) {
        return ScaledDecimal.fromUnits(units, SCALE).stripTrailingZeros().toPlainString();
    }

    /** Feeds a payload's b and a levels. */
    private static void levels(UpdateIdBookSync sync, JsonObject payload) {
        for (JsonElement level : payload.getAsJsonArray("b")) {
            JsonArray l = level.getAsJsonArray();
            sync.level(Side.BUY, units(l.get(0)), units(l.get(1)));
        }
        for (JsonElement level : payload.getAsJsonArray("a")) {
            JsonArray l = level.getAsJsonArray();
            sync.level(Side.SELL, units(l.get(0)), units(l.get(1)));
        }
    }

    private static void diff(UpdateIdBookSync sync, JsonObject payload) {
        long pu = payload.has("pu") ? payload.get("pu").getAsLong() : UpdateIdBookSync.NO_UPDATE_ID;
        sync.beginDiff(payload.get("U").getAsLong(), payload.get("u").getAsLong(), pu, payload.get("E").getAsLong(), 0, 0);
        levels(sync, payload);
        sync.endDiff();
    }

    /** A snapshot holding one bid at 0.0020, size 1. */
    private static void snapshot(UpdateIdBookSync sync, long lastUpdateId) {
        sync.beginSnapshot(lastUpdateId, 0, 0, 0);
        sync.level(Side.BUY, ScaledDecimal.toUnits(new BigDecimal("0.0020"), SCALE), 100_000_000L);
        sync.endSnapshot();
    }

    @Test
    void vectorFileStatesTheRulesTheSynchronisersFollow() {
        String markdown = VECTORS.get("spot_markdown_verbatim").getAsString();
        assertTrue(markdown.contains("If the `lastUpdateId` from the snapshot is strictly less than the `U` from step 2, "
                + "go back to step 3."));
        assertTrue(markdown.contains("discard any event where `u` is <= `lastUpdateId` of the snapshot"));
        String futures = VECTORS.getAsJsonArray("usdm_rules_text").toString();
        assertTrue(futures.contains("Drop any event where u is < lastUpdateId in the snapshot."));
        assertTrue(futures.contains("The first processed event should have U <= lastUpdateId AND u >= lastUpdateId"));
        assertTrue(futures.contains("each new event's pu should be equal to the previous event's u"));
    }

    @Test
    void spotSnapshotBelowTheFirstUIsFetchedAgain() {
        JsonObject payload = spotPayload();
        assertEquals(157, payload.get("U").getAsLong());
        BinanceSpotBookSync sync = new BinanceSpotBookSync(target, target);
        diff(sync, payload);

        snapshot(sync, 156);

        assertFalse(sync.isValid());
        assertEquals(2, target.requests, "go back to step 3");
    }

    @Test
    void spotSnapshotInsideTheFirstDiffsRangeAppliesIt() {
        BinanceSpotBookSync sync = new BinanceSpotBookSync(target, target);
        diff(sync, spotPayload());

        snapshot(sync, 158);

        assertEquals(160, sync.localUpdateId());
        OrderBook book = target.book();
        assertEquals(2, book.levels(Side.BUY));
        assertEquals("0.0024", decimal(book.bestBid()));
        assertEquals("10", decimal(book.bestBidSize()));
        assertEquals("0.0026", decimal(book.bestAsk()));
        assertEquals("100", decimal(book.bestAskSize()));
    }

    @Test
    void keyDifferenceOneSpotDropsUEqualToLastUpdateIdFuturesApplies() {
        JsonObject futuresPayload = VECTORS.getAsJsonObject("usdm_diff_depth_payload_example");
        JsonObject spot = spotPayload(); // same U, u and levels, without pu

        BinanceSpotBookSync spotSync = new BinanceSpotBookSync(target, target);
        diff(spotSync, spot);
        snapshot(spotSync, 160);
        assertEquals(1, spotSync.eventsDroppedStale());
        assertEquals(1, target.book().levels(Side.BUY), "only the snapshot's bid");

        RecordingTarget futuresTarget = new RecordingTarget(new OrderBook(SCALE, SCALE));
        BinanceFuturesBookSync futuresSync = new BinanceFuturesBookSync(futuresTarget, futuresTarget);
        diff(futuresSync, futuresPayload);
        snapshot(futuresSync, 160);
        assertEquals(0, futuresSync.eventsDroppedStale());
        assertEquals(1, futuresSync.eventsApplied());
        assertEquals(2, futuresTarget.book().levels(Side.BUY), "the diff was applied onto the snapshot");
        assertEquals(160, futuresSync.localUpdateId());
    }

    @Test
    void futuresFirstDiffMustStraddleTheSnapshot() {
        JsonObject payload = VECTORS.getAsJsonObject("usdm_diff_depth_payload_example");
        BiFunction<Long, RecordingTarget, BinanceFuturesBookSync> syncAfterSnapshot = (lastUpdateId, t) -> {
            BinanceFuturesBookSync sync = new BinanceFuturesBookSync(t, t);
            diff(sync, payload);
            snapshot(sync, lastUpdateId);
            return sync;
        };

        RecordingTarget t156 = new RecordingTarget(new OrderBook(SCALE, SCALE));
        assertFalse(syncAfterSnapshot.apply(156L, t156).isValid(), "U=157 > lastUpdateId: fetch again");
        assertEquals(2, t156.requests);

        for (long inside = 157; inside <= 160; inside++) {
            RecordingTarget t = new RecordingTarget(new OrderBook(SCALE, SCALE));
            BinanceFuturesBookSync sync = syncAfterSnapshot.apply(inside, t);
            assertEquals(160, sync.localUpdateId(), "lastUpdateId " + inside);
            assertEquals(1, sync.eventsApplied());
        }

        RecordingTarget t161 = new RecordingTarget(new OrderBook(SCALE, SCALE));
        BinanceFuturesBookSync after = syncAfterSnapshot.apply(161L, t161);
        assertEquals(161, after.localUpdateId(), "u=160 < lastUpdateId: dropped");
        assertEquals(1, after.eventsDroppedStale());
    }

    @Test
    void keyDifferenceTwoFuturesFollowsPuWhereSpotSeesAGap() {
        // The COIN-M example: U=17285681 follows pu=17285675, five ids later.
        JsonObject coinm = VECTORS.getAsJsonObject("coinm_diff_depth_payload_example");
        long pu = coinm.get("pu").getAsLong();
        assertEquals(17_285_675L, pu);
        assertEquals(17_285_681L, coinm.get("U").getAsLong());

        BinanceFuturesBookSync futures = new BinanceFuturesBookSync(target, target);
        futures.beginDiff(17_285_670L, pu, 17_285_660L, 0, 0, 0);
        futures.endDiff();
        snapshot(futures, 17_285_672L);
        diff(futures, coinm);
        assertTrue(futures.isValid());
        assertEquals(17_285_702L, futures.localUpdateId());
        assertEquals(0, target.resets);

        RecordingTarget spotTarget = new RecordingTarget(new OrderBook(SCALE, SCALE));
        BinanceSpotBookSync spot = new BinanceSpotBookSync(spotTarget, spotTarget);
        spot.beginDiff(17_285_670L, pu, UpdateIdBookSync.NO_UPDATE_ID, 0, 0, 0);
        spot.endDiff();
        snapshot(spot, 17_285_672L);
        JsonObject withoutPu = coinm.deepCopy();
        withoutPu.remove("pu");
        diff(spot, withoutPu);
        assertFalse(spot.isValid(), "spot continuity is U = local + 1");
        assertEquals(1, spotTarget.resets);
    }

    @Test
    void futuresPuThatDoesNotMatchIsAGap() {
        JsonObject payload = VECTORS.getAsJsonObject("usdm_diff_depth_payload_example");
        BinanceFuturesBookSync sync = new BinanceFuturesBookSync(target, target);
        diff(sync, payload);
        snapshot(sync, 158);

        JsonObject next = payload.deepCopy();
        next.addProperty("U", 165);
        next.addProperty("u", 170);
        next.addProperty("pu", 159); // should be 160
        diff(sync, next);

        assertFalse(sync.isValid());
        assertEquals(1, target.resets);
    }
}
