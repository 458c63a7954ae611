package org.tradebench.connector.bitfinex.internal.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.junit.jupiter.api.Test;

/**
 * Book updates, checksums and heartbeats decode, apply and verify without allocating: measured
 * with the JVM's per-thread allocation counter (through the Threading MBean, whose
 * {@code com.sun.management} interface OSGi bundles cannot see).
 */
class BitfinexHotPathAllocationTest {

    private static final int FRAMES = 20_000;

    /** Applies every row and computes the checksum on every cs, as a connector would. */
    private static final class Applier implements BitfinexSink {
        BitfinexBookState book;
        long checksums;

        @Override
        public void onSubscribed(BitfinexChannel channel) {
            book = new BitfinexBookState(channel);
        }

        @Override
        public void onBookSnapshot(BitfinexChannel channel, BitfinexBookRows rows, BitfinexTrailer trailer) {
            book.applySnapshot(rows);
        }

        @Override
        public void onBookUpdate(BitfinexChannel channel, BitfinexBookRow row, BitfinexTrailer trailer) {
            book.apply(row);
        }

        @Override
        public void onChecksum(BitfinexChannel channel, int checksum, BitfinexTrailer trailer) {
            checksums += book.checksum() == checksum ? 0 : 1;
        }
    }

    @Test
    void bookFramesDecodeApplyAndChecksumWithoutAllocating() throws JMException {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName threading = new ObjectName("java.lang:type=Threading");
        assumeTrue(Boolean.TRUE.equals(server.getAttribute(threading, "ThreadAllocatedMemoryEnabled")),
                "this JVM does not count allocations per thread");

        Applier applier = new Applier();
        BitfinexFrameDecoder decoder = new BitfinexFrameDecoder(applier);
        decoder.decode("{\"event\":\"subscribed\",\"channel\":\"book\",\"chanId\":17,\"symbol\":\"tBTCUSD\",\"prec\":\"P0\",\"len\":\"25\"}");
        StringBuilder snapshot = new StringBuilder("[17,[");
        for (int i = 0; i < 25; i++) {
            snapshot.append(i == 0 ? "" : ",").append("[").append(103900 - i).append(",1,").append(1 + i).append(".5]");
            snapshot.append(",[").append(103901 + i).append(",2,-").append(2 + i).append(".25]");
        }
        decoder.decode(snapshot.append("]]").toString());

        String[] frames = new String[FRAMES];
        for (int i = 0; i < FRAMES; i++) {
            int level = i % 25;
            frames[i] = switch (i % 5) {
                case 0 -> "[17,[" + (103900 - level) + "," + (1 + i % 3) + "," + (i % 97 + 1) + ".125]," + i + ",1737972930" + (100 + i % 900) + "]";
                case 1 -> "[17,[" + (103901 + level) + ",3,-" + (i % 89 + 1) + "e-3]]";
                case 2 -> "[17,\"cs\"," + (i * 7919) + "]";
                case 3 -> "[17,\"hb\"]";
                default -> "[17,[" + (103901 + level) + "," + (1 + i % 4) + ",-0.000000" + (i % 9 + 1) + "]]";
            };
        }
        Runnable run = () -> {
            for (String frame : frames) {
                decoder.decode(frame);
            }
        };
        for (int warm = 0; warm < 5; warm++) {
            run.run(); // grows the text arena to its working size and lets the JIT settle
        }
        long overhead = allocated(server, threading) - allocated(server, threading);
        long before = allocated(server, threading);
        run.run();
        long after = allocated(server, threading);
        long bytes = after - before + overhead;

        assertEquals(25, applier.book.levels(org.tradebench.api.market.Side.BUY));
        assertTrue(applier.checksums > 0);
        // A few hundred bytes are the measuring itself (boxing in the MBean call); one byte per
        // frame would already be 20 KB.
        assertTrue(bytes < 2_000, FRAMES + " book frames allocated " + bytes + " bytes");
    }

    private static long allocated(MBeanServer server, ObjectName threading) throws JMException {
        return (Long) server.getAttribute(threading, "CurrentThreadAllocatedBytes");
    }
}
