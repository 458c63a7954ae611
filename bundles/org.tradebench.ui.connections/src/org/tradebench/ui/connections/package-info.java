/**
 * The Connections view: every connector with each of its sessions' health, the user's switches
 * (connect, disconnect, WebSocket or REST) and a colour dot per connector in the status bar.
 */
package org.tradebench.ui.connections;
