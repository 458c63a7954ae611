package org.tradebench.cli.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tradebench.cli.recording.RecordingFormat;
import org.tradebench.cli.recording.RecordingReader;
import org.tradebench.cli.recording.RecordingWriter;

/** The recording file: every frame comes back byte for byte, with its session and receive time. */
class RecordingFileTest {

    @TempDir
    Path dir;

    @Test
    void framesWrittenFromSeveralThreadsComeBackByteForByte() throws Exception {
        Path file = dir.resolve("r.rec.gz");
        byte[][] frames = {
            "{\"a\":1}".getBytes(StandardCharsets.UTF_8),
            "line one\nline two\r\n".getBytes(StandardCharsets.UTF_8),  // line breaks: Base64
            {(byte) 0xff, 0x00, (byte) 0xc3},                            // not UTF-8: Base64
            "é € 😀 \u2028".getBytes(StandardCharsets.UTF_8),             // UTF-8 text as it is
            new byte[0],
        };
        String[] sessions = {"market", "account data", "usdm/ws", "market"};
        RecordingWriter writer = RecordingWriter.start(file, "fake", "spot");
        int perThread = 500;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < sessions.length; t++) {
            String session = sessions[t] + "#" + t;
            Thread thread = new Thread(() -> {
                byte[] buffer = new byte[256];
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    byte[] f = frames[i % frames.length];
                    System.arraycopy(f, 0, buffer, 3, f.length);
                    writer.onFrame(session, buffer, 3, f.length, 1_000_000L + i);
                    java.util.Arrays.fill(buffer, (byte) '?'); // the buffer is reused at once
                }
            });
            thread.start();
            threads.add(thread);
        }
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        writer.finish();
        assertEquals(sessions.length * perThread, writer.written());
        assertEquals(0, writer.dropped());

        int[] next = new int[sessions.length];
        try (RecordingReader reader = RecordingReader.open(file)) {
            assertTrue(reader.compressed());
            assertEquals(new RecordingFormat.Header(2, "fake", "spot"), reader.header());
            for (RecordingReader.Entry e; (e = reader.next()) != null;) {
                RecordingReader.Frame f = (RecordingReader.Frame) e;
                int t = Integer.parseInt(f.session().substring(f.session().indexOf('#') + 1));
                assertEquals(sessions[t] + "#" + t, f.session());
                int i = next[t]++;
                assertEquals(1_000_000L + i, f.receivedMillis());
                assertArrayEquals(frames[i % frames.length], f.frame(), "frame " + i + " of thread " + t);
            }
            assertTrue(!reader.truncated());
        }
        for (int n : next) {
            assertEquals(perThread, n);
        }
    }

    @Test
    void textFramesAreWrittenAsTheyAreAndOthersInBase64WithTheSessionPercentEncoded() throws IOException,
            InterruptedException {
        Path file = dir.resolve("r.rec.gz");
        RecordingWriter writer = RecordingWriter.start(file, "fake", "usdm");
        byte[] text = "[17,\"hb\"]".getBytes(StandardCharsets.UTF_8);
        byte[] multiline = "a\nb".getBytes(StandardCharsets.UTF_8);
        writer.onFrame("market", text, 0, text.length, 1737972930001L);
        writer.onFrame("usdm data", multiline, 0, multiline.length, 1737972930002L);
        writer.finish();
        writer.onFrame("market", text, 0, text.length, 1737972930003L);
        assertEquals(1, writer.dropped(), "a frame after finish is dropped");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            assertEquals("# tradebench-recording v2 exchange=fake market=usdm\n"
                    + "1737972930001 market [17,\"hb\"]\n"
                    + "1737972930002 usdm%20data/b64 YQpi\n", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void sessionNamesRoundTrip() {
        for (String s : new String[] {"market", "usdm data", "a/b64", "100%", "ümlaut", "x.y-z_1"}) {
            assertEquals(s, RecordingFormat.decodeSession(RecordingFormat.encodeSession(s)));
        }
        assertEquals("a%2Fb64", RecordingFormat.encodeSession("a/b64"));
    }
}
