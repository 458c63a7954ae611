/**
 * What protects the API keys in secure storage ({@link org.tradebench.secrets.KeyProtection}), for
 * the preference page. The store itself is the {@code org.tradebench.api.credentials.CredentialStore}
 * service; nothing else of this bundle is public.
 *
 * <p>Thread-safe; no nulls unless a method says so.
 */
package org.tradebench.secrets;
