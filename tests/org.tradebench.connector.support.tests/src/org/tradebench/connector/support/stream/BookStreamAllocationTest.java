package org.tradebench.connector.support.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.Random;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tradebench.api.Subscription;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.BookListener;
import org.tradebench.api.market.BookUpdate;
import org.tradebench.api.market.OrderBookView;
import org.tradebench.api.market.Side;
import org.tradebench.connector.support.ConnectorRuntime;
import org.tradebench.core.book.OrderBook;

/**
 * The book path allocates nothing in steady state, on either thread: the reader commits changes
 * to the master book under the lock ({@link BookStream#committed}), the delivery thread diffs the
 * subscription's copy against the master and calls a listener that reads the changes and the top
 * of {@link BookUpdate#book()}. Measured with the JVM's per-thread allocation counters through the
 * Threading MBean (OSGi bundles cannot see its {@code com.sun.management} interface): the
 * committing thread's own counter, and the delivery thread's through
 * {@code getThreadAllocatedBytes(long)}.
 */
class BookStreamAllocationTest {

    private static final int COMMITS = 20_000;
    /** The committing thread waits for the listener every this many commits, so the delivery thread works throughout. */
    private static final int HANDSHAKE = 64;
    private static final int OPS = 3;
    private static final InstrumentId BTC = new InstrumentId("bitfinex", "BTC/USD");

    private static final SharedStream.Owner NO_OWNER = new SharedStream.Owner() {
        @Override
        public void firstSubscriber(SharedStream<?> stream) {
        }

        @Override
        public void lastSubscriberLeft(SharedStream<?> stream) {
        }
    };

    /** Reads what a view would: every change and the best ten levels of each side. */
    private static final class ReadingListener implements BookListener {
        volatile long threadId;
        volatile long lastTime = -1;
        long updates;
        long checksum;

        @Override
        public void onBook(BookUpdate u) {
            threadId = Thread.currentThread().threadId();
            long sum = u.sequence() + u.receivedNanoTime();
            for (Side side : SIDES) {
                for (int i = 0; i < u.changes(side); i++) {
                    sum += u.changePrice(side, i) ^ u.changeSize(side, i) ^ u.changeOrderId(side, i)
                            ^ u.changeOrderCount(side, i);
                }
                OrderBookView book = u.book();
                for (int i = 0; i < Math.min(10, book.levels(side)); i++) {
                    sum += book.price(side, i) * 31 + book.size(side, i);
                }
            }
            checksum += sum;
            updates++;
            lastTime = u.timeMillis();
        }
    }

    private static final Side[] SIDES = Side.values();

    private final boolean[] bids = new boolean[COMMITS * OPS];
    private final long[] prices = new long[COMMITS * OPS];
    private final boolean[] removes = new boolean[COMMITS * OPS];
    private final long[] ids = new long[COMMITS * OPS];
    private long nextSize = 1;
    private long time;

    @ParameterizedTest(name = "perOrder={0}")
    @ValueSource(booleans = {false, true})
    void commitDeliverAndReadAllocateNothingOnEitherThread(boolean perOrder) throws JMException {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName threading = new ObjectName("java.lang:type=Threading");
        assumeTrue(Boolean.TRUE.equals(server.getAttribute(threading, "ThreadAllocatedMemoryEnabled")),
                "this JVM does not count allocations per thread");

        Random rnd = new Random(perOrder ? 5 : 4);
        for (int i = 0; i < prices.length; i++) {
            bids[i] = rnd.nextBoolean();
            prices[i] = bids[i] ? 100_000 - rnd.nextInt(60) : 100_001 + rnd.nextInt(60);
            ids[i] = 1_000 + rnd.nextInt(150) * 2 + (bids[i] ? 0 : 1);
            // The first op of a commit sets a new size; no later op of the commit removes what it
            // set, so every commit changes the book and reaches the listener.
            int first = i - i % OPS;
            boolean undoesFirst = bids[i] == bids[first] && (perOrder ? ids[i] == ids[first] : prices[i] == prices[first]);
            removes[i] = i != first && !undoesFirst && rnd.nextInt(4) == 0;
        }

        try (ConnectorRuntime runtime = ConnectorRuntime.start("alloc")) {
            BookStream stream = new BookStream(runtime, "book BTC/USD", NO_OWNER, BTC,
                    new OrderBook(2, 4, 64, perOrder));
            ReadingListener listener = new ReadingListener();
            Subscription s = stream.attach(new BookSubscription(runtime, stream, listener));
            for (int warm = 0; warm < 3; warm++) {
                play(runtime, stream, listener); // grows every array, lets the JIT settle
            }
            long deliveryThread = listener.threadId;

            long overhead = allocated(server, threading) - allocated(server, threading);
            long deliveryBefore = allocatedBy(server, threading, deliveryThread);
            long before = allocated(server, threading);
            long updatesBefore = listener.updates;
            play(runtime, stream, listener);
            long after = allocated(server, threading);
            long deliveryAfter = allocatedBy(server, threading, deliveryThread);

            long committing = after - before - overhead;
            long delivering = deliveryAfter - deliveryBefore;
            long updates = listener.updates - updatesBefore;
            System.out.printf("book stream (perOrder=%s): %d commits, %d updates delivered; committing thread"
                    + " allocated %d bytes, delivery thread %d bytes; book %d/%d levels (checksum %d)%n", perOrder,
                    COMMITS, updates, committing, delivering, stream.book().levels(Side.BUY),
                    stream.book().levels(Side.SELL), listener.checksum);
            assertTrue(updates >= COMMITS / HANDSHAKE, "the delivery thread delivered " + updates + " updates");
            // The measuring allocates a little (boxing in the MBean calls); one byte per commit would
            // already be 20 KB. A callback over 5 ms (a pause of the machine) logs a few hundred bytes.
            assertTrue(committing < 2_000, COMMITS + " commits allocated " + committing + " bytes");
            assertTrue(delivering < 4_000, updates + " deliveries allocated " + delivering + " bytes");
            s.close();
        }
    }

    private void play(ConnectorRuntime runtime, BookStream stream, ReadingListener listener) {
        for (int c = 0; c < COMMITS; c++) {
            synchronized (runtime.lock()) {
                OrderBook m = stream.book();
                for (int k = c * OPS; k < (c + 1) * OPS; k++) {
                    Side side = bids[k] ? Side.BUY : Side.SELL;
                    long size = removes[k] ? 0 : nextSize++;
                    if (m.perOrder()) {
                        m.setOrder(side, ids[k], prices[k], size);
                    } else {
                        m.set(side, prices[k], size, 1 + (int) (size & 7));
                    }
                }
                time++;
                stream.committed(time, time, System.nanoTime());
            }
            if (c % HANDSHAKE == HANDSHAKE - 1 || c == COMMITS - 1) {
                long t = time;
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (listener.lastTime != t) {
                    if (System.nanoTime() - deadline > 0) {
                        throw new AssertionError("the listener did not see commit " + t + " within 10 s");
                    }
                    Thread.yield(); // two cores, other builds: leave the delivery thread a core
                }
            }
        }
        assertEquals(time, listener.lastTime);
    }

    private static long allocated(MBeanServer server, ObjectName threading) throws JMException {
        return (Long) server.getAttribute(threading, "CurrentThreadAllocatedBytes");
    }

    private static long allocatedBy(MBeanServer server, ObjectName threading, long threadId) throws JMException {
        return (Long) server.invoke(threading, "getThreadAllocatedBytes", new Object[] {threadId},
                new String[] {long.class.getName()});
    }
}
