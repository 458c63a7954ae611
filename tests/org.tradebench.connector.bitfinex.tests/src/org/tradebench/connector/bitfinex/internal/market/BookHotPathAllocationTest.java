package org.tradebench.connector.bitfinex.internal.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.junit.jupiter.api.Test;
import org.tradebench.api.market.Side;

/**
 * Book frames (bytes, as the transport hands them over) decode, go through the book topic's row
 * mapping into the checksum synchroniser, and publish on every matching checksum without
 * allocating on the thread that reads them: measured
 * with the JVM's per-thread allocation counter (through the Threading MBean, whose
 * {@code com.sun.management} interface OSGi bundles cannot see).
 */
class BookHotPathAllocationTest {

    private static final int FRAMES = 20_000;

    @Test
    void bookFramesDecodeApplyAndChecksumWithoutAllocating() throws JMException {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName threading = new ObjectName("java.lang:type=Threading");
        assumeTrue(Boolean.TRUE.equals(server.getAttribute(threading, "ThreadAllocatedMemoryEnabled")),
                "this JVM does not count allocations per thread");

        SyncHarness h = new SyncHarness();
        h.decode("{\"event\":\"conf\",\"status\":\"OK\",\"flags\":131072}");
        h.decode("{\"event\":\"subscribed\",\"channel\":\"book\",\"chanId\":17,\"symbol\":\"tBTCUSD\",\"prec\":\"P0\",\"len\":\"25\"}");
        StringBuilder snapshot = new StringBuilder("[17,[");
        for (int i = 0; i < 25; i++) {
            snapshot.append(i == 0 ? "" : ",").append("[").append(103900 - i).append(",1,").append(1 + i).append(".5]");
            snapshot.append(",[").append(103901 + i).append(",2,-").append(2 + i).append(".25]");
        }
        h.decode(snapshot.append("]]").toString());

        String[] frames = new String[FRAMES];
        for (int i = 0; i < FRAMES; i++) {
            int level = i % 25;
            frames[i] = switch (i % 5) {
                case 0 -> "[17,[" + (103900 - level) + "," + (1 + i % 3) + "," + (i % 97 + 1) + ".125]," + i + ",1737972930" + (100 + i % 900) + "]";
                case 1 -> "[17,[" + (103901 + level) + ",3,-" + (i % 89 + 1) + "e-3]]";
                case 2 -> "[17,\"cs\",CHECKSUM]"; // replaced below by the book's real checksum
                case 3 -> "[17,\"hb\"]";
                default -> "[17,[" + (103901 + level) + "," + (1 + i % 4) + ",-0.000000" + (i % 9 + 1) + "]]";
            };
        }
        // The checksum each cs frame must carry: the book after the rows before it.
        SyncHarness reference = new SyncHarness();
        reference.decode("{\"event\":\"subscribed\",\"channel\":\"book\",\"chanId\":17,\"symbol\":\"tBTCUSD\",\"prec\":\"P0\",\"len\":\"25\"}");
        reference.decode(snapshot.toString());
        byte[][] bytes = new byte[FRAMES][];
        for (int i = 0; i < FRAMES; i++) {
            if (frames[i].contains("CHECKSUM")) {
                frames[i] = frames[i].replace("CHECKSUM", Integer.toString(reference.checksum()));
            } else {
                reference.decode(frames[i]);
            }
            bytes[i] = frames[i].getBytes(StandardCharsets.UTF_8);
        }
        byte[] snapshotBytes = snapshot.toString().getBytes(StandardCharsets.UTF_8);
        h.record = false;
        Runnable run = () -> {
            h.decoder.decode(snapshotBytes, 0, snapshotBytes.length); // each run starts from the snapshot
            for (byte[] frame : bytes) {
                h.decoder.decode(frame, 0, frame.length);
            }
        };
        for (int warm = 0; warm < 5; warm++) {
            run.run(); // grows the text arena to its working size and lets the JIT settle
        }
        long overhead = allocated(server, threading) - allocated(server, threading);
        long before = allocated(server, threading);
        run.run();
        long after = allocated(server, threading);
        long allocated = after - before + overhead;

        assertEquals(25, h.published.levels(Side.BUY));
        assertEquals(0, h.sync.mismatches());
        assertEquals(6 * FRAMES / 5, h.sync.verified(), "every cs frame of six runs matched");
        assertEquals(1 + 6 * (FRAMES / 5 + 1), h.commits, "the book was published on every snapshot and checksum");
        // A few hundred bytes are the measuring itself (boxing in the MBean call); one byte per
        // frame would already be 20 KB.
        assertTrue(allocated < 2_000, FRAMES + " book frames allocated " + allocated + " bytes");
    }

    private static long allocated(MBeanServer server, ObjectName threading) throws JMException {
        return (Long) server.getAttribute(threading, "CurrentThreadAllocatedBytes");
    }
}
