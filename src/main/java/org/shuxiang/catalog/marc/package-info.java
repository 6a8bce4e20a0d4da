/** MARC records and their ISO 2709 and MARCXML codecs: plain Java, usable by any module. */
@NamedInterface("marc")
package org.shuxiang.catalog.marc;

import org.springframework.modulith.NamedInterface;
