package org.shuxiang.platform;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells the operator, once at start, when the server runs with a collector that stops it to collect: a
 * server is started with {@code -XX:+UseZGC} (ADR 0017), and a JVM option cannot travel inside the jar.
 */
@Component
class CollectorAdvice {

    private static final Logger log = LoggerFactory.getLogger(CollectorAdvice.class);

    @EventListener(ApplicationReadyEvent.class)
    void advise() {
        advice(ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName).toList())
                .ifPresent(log::info);
    }

    /** The advice for a JVM whose collectors have these names; none when ZGC collects. */
    static Optional<String> advice(List<String> collectors) {
        if (collectors.stream().anyMatch(name -> name.startsWith("ZGC"))) {
            return Optional.empty();
        }
        return Optional.of("The JVM collects garbage with " + String.join(", ", collectors)
                + ", which pauses the server: for the desk's and the kiosks' response times, start it with"
                + " -XX:+UseZGC (docs/adr/0017-zgc-for-the-server.md)");
    }
}
