/** Unit tests of the API value types: validation, normalisation, the order state machine. */
package org.tradebench.api.tests;
