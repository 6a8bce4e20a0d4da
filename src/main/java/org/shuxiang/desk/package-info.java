/**
 * The staff client ({@code /staff}): the home page with today's figures, the circulation desk, readers,
 * holds, transits and the catalogue, rendered on the server. Every page works inside the staff member's
 * scope: it calls the modules' public services, which check the permissions.
 */
package org.shuxiang.desk;
