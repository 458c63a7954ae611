/**
 * Tests of the headless commands against a made-up exchange: {@link org.tradebench.cli.tests.FakeProvider}
 * registers as its {@code ConnectorProvider}, its {@link org.tradebench.cli.tests.FakeDecoder} reads a
 * tiny frame format into API values, and its {@link org.tradebench.cli.tests.FakeConnector} plays a
 * script to its frame tap and listeners on a thread of its own when the test's
 * {@link org.tradebench.cli.tests.ScriptStop} ends the run. Tests assert exact JSON lines; commands run
 * on the test thread against in-memory streams and temporary files; nothing is null.
 */
package org.tradebench.cli.tests;
