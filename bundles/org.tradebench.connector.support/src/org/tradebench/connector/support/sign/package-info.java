/**
 * Signing over {@link org.tradebench.api.credentials.ApiCredentials}: HMAC and Ed25519, the
 * algorithms exchanges use. What a connector signs is its protocol; how is here.
 *
 * <p>Threading: thread-safe. Secrets never reach a message, a log or a {@code toString}.
 */
package org.tradebench.connector.support.sign;
