/**
 * Shuxiang (书香): the integrated service platform of a city's public library network.
 * Each direct sub-package is a module (see docs/adr/0001 and ARCHITECTURE.md).
 */
package org.shuxiang;
