/**
 * Writing normalised events as JSON lines, exactly as {@code EVENTS-JSON.md} and
 * {@code docs/cli.md} describe them: one object per line, decimal strings without exponent or
 * trailing zeros, ISO-8601 UTC times with milliseconds.
 *
 * <p>Not thread-safe: one command owns its writer. Parameters are non-null unless documented as
 * nullable (a null value leaves its field out).
 */
package org.tradebench.cli.json;
