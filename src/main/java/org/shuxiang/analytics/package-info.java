/**
 * Statistics: the figures of a part of the network (today's loans, returns, holds to pull, items in
 * transit, and the week behind them) for the staff home pages. It reads the other modules' tables and
 * never writes them.
 */
package org.shuxiang.analytics;
