package org.shuxiang.selfservice;

import org.shuxiang.platform.AccessControl;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Every {@code shuxiang.devices.check-every}, devices that fell silent are marked offline (and alerted). */
@Component
class DeviceMonitor {

    private final Devices devices;
    private final AccessControl access;

    DeviceMonitor(Devices devices, AccessControl access) {
        this.devices = devices;
        this.access = access;
    }

    @Scheduled(fixedDelayString = "${shuxiang.devices.check-every:PT1M}",
            initialDelayString = "${shuxiang.devices.check-every:PT1M}")
    void check() {
        access.asSystem("device-monitor", devices::markSilent);
    }
}
