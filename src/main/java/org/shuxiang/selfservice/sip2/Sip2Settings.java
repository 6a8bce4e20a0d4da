package org.shuxiang.selfservice.sip2;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code shuxiang.sip2.*}: the plain listener on {@code port} (6001; 0 picks a free port, -1 turns it
 * off), and a TLS listener on {@code tls.port} (6002) when {@code tls.key-store} names a PKCS12 (or JKS)
 * key store with the server's certificate and key. Both speak the same SIP2 to the same accounts.
 */
@ConfigurationProperties("shuxiang.sip2")
public record Sip2Settings(@DefaultValue("true") boolean enabled, @DefaultValue("6001") int port,
                           @DefaultValue("16384") int maxMessage, @DefaultValue("600s") Duration idleTimeout,
                           @DefaultValue("16") int workers, @DefaultValue Tls tls) {

    /** TLS for machines that connect across networks the library does not own. */
    public record Tls(@DefaultValue("6002") int port, String keyStore, String keyStorePassword,
                      @DefaultValue("PKCS12") String keyStoreType) {

        public boolean enabled() {
            return keyStore != null && !keyStore.isBlank();
        }
    }
}
