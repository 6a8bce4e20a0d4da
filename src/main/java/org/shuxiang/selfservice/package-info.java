/**
 * Self-service: the SIP2 server that self-check kiosks, 24-hour libraries and book drops speak, and
 * their machine accounts. Every SIP2 transaction goes through the same circulation services as the
 * desks and the REST API: one set of rules.
 */
package org.shuxiang.selfservice;
