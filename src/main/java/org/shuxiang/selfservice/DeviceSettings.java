package org.shuxiang.selfservice;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code shuxiang.devices.*}: a device silent for longer than {@code offlineAfter} is offline (and a
 * 24-hour library's raises an alert); the monitor looks every {@code checkEvery}.
 */
@ConfigurationProperties("shuxiang.devices")
public record DeviceSettings(@DefaultValue("5m") Duration offlineAfter, @DefaultValue("1m") Duration checkEvery) {
}
