/**
 * The Skeleton Exchange's wire protocol: what a frame says ({@link
 * org.tradebench.examples.skeleton.internal.protocol.SkeletonFrameReader}, {@link
 * org.tradebench.examples.skeleton.internal.protocol.SkeletonMessage}), what the connector sends
 * ({@link org.tradebench.examples.skeleton.internal.protocol.SkeletonRequests}) and the pure
 * functions from the exchange's values to API values ({@link
 * org.tradebench.examples.skeleton.internal.protocol.SkeletonAdapters}).
 *
 * <p><b>REPLACE:</b> this package is the part of the skeleton an author rewrites for their
 * exchange. The toy protocol it implements, JSON text frames over one WebSocket, is documented in
 * the example's {@code README.md} ("The toy protocol").
 *
 * <p>Threading: a reader and its message belong to one owner (the connector's socket, under the
 * runtime lock); the adapters and request builders are pure and thread-safe. Parameters and
 * results are non-null unless documented.
 */
package org.tradebench.examples.skeleton.internal.protocol;
