/**
 * Tests of the headless commands: exact JSON lines for recorded-shape input, replay pacing and final
 * books, argument handling. Commands run on the test thread against in-memory streams and
 * temporary files; nothing is null.
 */
package org.tradebench.cli.tests;
