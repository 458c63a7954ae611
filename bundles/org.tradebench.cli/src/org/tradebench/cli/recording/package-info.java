/**
 * Recordings of raw exchange frames: the file format ({@link org.tradebench.cli.recording.RecordingFormat}),
 * the writer {@code tradebench record} taps a connector with
 * ({@link org.tradebench.cli.recording.RecordingWriter}) and the reader {@code tradebench replay}
 * plays back ({@link org.tradebench.cli.recording.RecordingReader}).
 *
 * <p>Threading: the writer is a {@link org.tradebench.api.spi.FrameTap} called on network threads;
 * it copies and queues, and one writer thread of its own writes the file. The reader is used by
 * one thread. Nulls: parameters are non-null unless documented as nullable.
 */
package org.tradebench.cli.recording;
