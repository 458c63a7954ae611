package org.tradebench.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;
import org.tradebench.cli.live.LineOutput;

/** Events from many delivery threads come out as whole lines, each thread's in its order. */
class LineOutputTest {

    @Test
    void linesFromManyThreadsNeverInterleave() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LineOutput output = new LineOutput(new PrintStream(bytes, false, StandardCharsets.UTF_8));
        int threads = 8;
        int perThread = 2000;
        String padding = "x".repeat(300);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread w = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    int n = i;
                    output.event(json -> json.begin("t", "x").number("thread", id).number("n", n).string("pad", padding).end());
                }
            });
            w.start();
            workers.add(w);
        }
        go.countDown();
        for (Thread w : workers) {
            w.join();
        }
        output.close();
        assertFalse(output.failed());
        assertEquals(0, output.dropped());
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(threads * perThread, lines.length);
        int[] next = new int[threads];
        for (String line : lines) {
            assertTrue(line.matches("\\{\"type\":\"t\",\"exchange\":\"x\",\"thread\":\\d,\"n\":\\d+,\"pad\":\"x{300}\"}"), line);
            int thread = Integer.parseInt(line.substring(line.indexOf("\"thread\":") + 9, line.indexOf(",\"n\"")));
            int n = Integer.parseInt(line.substring(line.indexOf("\"n\":") + 4, line.indexOf(",\"pad\"")));
            assertEquals(next[thread]++, n, "thread " + thread + " in order");
        }
    }
}
