/**
 * OSGi integration tests: a real framework with Declarative Services, the embedded simulated
 * exchange found through the service registry as a view would find it.
 */
package org.tradebench.integration.tests;
