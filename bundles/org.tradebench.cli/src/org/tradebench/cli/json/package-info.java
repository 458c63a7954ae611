/**
 * Writing normalised events as JSON lines, exactly as {@code EVENTS-JSON.md} and
 * {@code docs/cli.md} describe them: one object per line, decimal strings without exponent or
 * trailing zeros, ISO-8601 UTC times with milliseconds. {@link org.tradebench.cli.json.EventJsonWriter}
 * builds lines and commits them a frame at a time; {@link org.tradebench.cli.json.EventJson} turns
 * API values into lines.
 *
 * <p>Threading: a writer belongs to one thread; the formatter keeps no state and is shared.
 * Parameters are non-null unless documented as nullable (a null value leaves its field out).
 */
package org.tradebench.cli.json;
