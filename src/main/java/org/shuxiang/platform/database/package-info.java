/**
 * The one database: the embedded PostgreSQL or a server, the transaction manager, and the tools other
 * modules use to spend fewer round trips on it ({@link org.shuxiang.platform.database.RoundTrip},
 * {@link org.shuxiang.platform.database.WritesAtCommit}).
 */
@NamedInterface("database")
package org.shuxiang.platform.database;

import org.springframework.modulith.NamedInterface;
