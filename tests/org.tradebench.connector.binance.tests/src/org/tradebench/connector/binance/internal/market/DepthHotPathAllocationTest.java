package org.tradebench.connector.binance.internal.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.junit.jupiter.api.Test;
import org.tradebench.api.Subscription;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.BookRequest;
import org.tradebench.api.market.Side;
import org.tradebench.api.spi.FrameTap;
import org.tradebench.connector.binance.internal.BinanceConfig;
import org.tradebench.connector.binance.internal.BinanceMarket;
import org.tradebench.connector.support.ConnectorRuntime;
import org.tradebench.connector.support.health.HealthModel;

/**
 * Combined-stream depth frames (bytes, as the transport hands them over) are parsed, routed by
 * stream name, applied by the toolkit's book rule and committed to the shared book without
 * allocating on the reading thread, for spot and USD-M: measured with the JVM's per-thread
 * allocation counter (through the Threading MBean).
 */
class DepthHotPathAllocationTest {

    private static final int FRAMES = 20_000;

    @Test
    void spotDepthFramesAllocateNothing() throws Exception {
        run(BinanceMarket.SPOT);
    }

    @Test
    void usdmDepthFramesAllocateNothing() throws Exception {
        run(BinanceMarket.USDM);
    }

    private static void run(BinanceMarket market) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName threading = new ObjectName("java.lang:type=Threading");
        assumeTrue(Boolean.TRUE.equals(server.getAttribute(threading, "ThreadAllocatedMemoryEnabled")),
                "this JVM does not count allocations per thread");
        try (ConnectorRuntime runtime = ConnectorRuntime.start("alloc-" + market.marketName())) {
            BinanceMarketData md = new BinanceMarketData(BinanceConfig.defaults(market), null, runtime,
                    new HealthModel(runtime), null, null, FrameTap.NONE);
            InstrumentId id = new InstrumentId(market.id(), market == BinanceMarket.SPOT ? "BTC/USDT" : "BTC/USDT:USDT");
            AtomicLong updates = new AtomicLong();
            Subscription sub = md.subscribeBook(new BookRequest(id, 1000), u -> updates.incrementAndGet());
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!runtime.call(() -> md.subscribedStreams().contains("btcusdt@depth@100ms"))) {
                assertTrue(System.nanoTime() < deadline, "the book was subscribed");
                Thread.sleep(5);
            }
            DepthTopic topic = runtime.call(() -> (DepthTopic) md.topic("book BTCUSDT"));
            String session = "market";
            StringBuilder snap = new StringBuilder("{\"lastUpdateId\":1000,\"bids\":[");
            for (int i = 0; i < 25; i++) {
                snap.append(i == 0 ? "" : ",").append("[\"").append(103900 - i).append(".10\",\"1.5\"]");
            }
            snap.append("],\"asks\":[");
            for (int i = 0; i < 25; i++) {
                snap.append(i == 0 ? "" : ",").append("[\"").append(103901 + i).append(".20\",\"2.25\"]");
            }
            byte[] snapshot = snap.append("]}").toString().getBytes(StandardCharsets.UTF_8);
            byte[][] frames = new byte[FRAMES][];
            for (int i = 0; i < FRAMES; i++) {
                long first = 1001 + i * 3L;
                long last = first + 2;
                int level = i % 25;
                String bids = "[[\"" + (103900 - level) + ".10\",\"" + (i % 7 == 0 ? "0" : (1 + i % 9) + ".125") + "\"]]";
                String asks = "[[\"" + (103901 + level) + ".20\",\"0.00" + (1 + i % 9) + "\"],[\"" + (103930 + level)
                        + ".5\",\"3\"]]";
                String data = "{\"e\":\"depthUpdate\",\"E\":1672515782136,\"T\":1672515782135,\"s\":\"BTCUSDT\",\"U\":"
                        + first + ",\"u\":" + last + (market == BinanceMarket.USDM ? ",\"pu\":" + (first - 1) : "")
                        + ",\"b\":" + bids + ",\"a\":" + asks + "}";
                frames[i] = ("{\"stream\":\"btcusdt@depth@100ms\",\"data\":" + data + "}").getBytes(StandardCharsets.UTF_8);
            }
            Runnable feed = () -> {
                synchronized (runtime.lock()) {
                    for (byte[] f : frames) {
                        md.passiveFrame(session, f, 0, f.length, 1_700_000_000_000L);
                    }
                }
            };
            Runnable reset = () -> {
                synchronized (runtime.lock()) {
                    topic.restart("next run");
                    md.passiveSnapshot("BTCUSDT", snapshot, 0, snapshot.length, 1_700_000_000_000L);
                }
            };
            for (int warm = 0; warm < 5; warm++) {
                reset.run();
                feed.run();
            }
            reset.run();
            long overhead = allocated(server, threading) - allocated(server, threading);
            long before = allocated(server, threading);
            feed.run();
            long after = allocated(server, threading);
            long allocated = after - before + overhead;

            long applied = runtime.call(() -> topic.sync().eventsApplied());
            assertEquals(6L * FRAMES, applied, "every diff of six runs was applied");
            assertEquals(0, runtime.call(() -> topic.sync().gaps()));
            assertTrue(runtime.call(() -> topic.stream().book().levels(Side.BUY)) > 0);
            assertTrue(allocated < 2_000, market + ": " + FRAMES + " depth frames allocated " + allocated + " bytes");
            sub.close();
        }
    }

    private static long allocated(MBeanServer server, ObjectName threading) throws JMException {
        return (Long) server.getAttribute(threading, "CurrentThreadAllocatedBytes");
    }
}
