/** Staff accounts: the use cases other modules (the demo loader, later the staff client) call. */
@NamedInterface("staff")
package org.shuxiang.platform.staff;

import org.springframework.modulith.NamedInterface;
