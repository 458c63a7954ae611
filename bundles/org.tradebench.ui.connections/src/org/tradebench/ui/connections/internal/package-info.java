/**
 * The Connections view's table, its binding to the connectors' health, and the status bar dots.
 * Not API.
 */
package org.tradebench.ui.connections.internal;
