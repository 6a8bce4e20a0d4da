package org.shuxiang.platform.security;

import org.shuxiang.platform.LoginLockoutPolicy;
import org.shuxiang.platform.Permission;
import org.shuxiang.platform.web.ProblemSecurityHandlers;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Three doors: the REST API (HTTP Basic for staff, bearer API keys for machines, no session),
 * the actuator (health open, metrics for those with METRICS_READ), and the web (sign-in form and
 * session). Which rights an actor has on which unit is decided by the modules' services through
 * {@code AccessControl}; here we only require that somebody is known.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LoginLockoutPolicy.class)
class SecurityConfiguration {

    /** Staff pages are for staff: a reader signed in on the reader site is not let in. */
    static final org.springframework.security.authorization.AuthorizationManager<
            org.springframework.security.web.access.intercept.RequestAuthorizationContext> STAFF_ONLY =
            (authentication, context) -> {
                var auth = authentication.get();
                boolean staff = auth != null && auth.isAuthenticated()
                        && auth.getPrincipal() instanceof org.shuxiang.platform.AccessControl.ActorPrincipal holder
                        && holder.actor() instanceof org.shuxiang.platform.Actor.Staff;
                return new org.springframework.security.authorization.AuthorizationDecision(staff);
            };

    /**
     * No observation of each security filter: every filter of every request would be wrapped in an
     * observation (switched off anyway by {@code management.observations.enable.spring.security}), at a cost a
     * kiosk's checkout pays. Requests are still timed as a whole ({@code http.server.requests}).
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * Spring Security's strict firewall, checking header names and values with {@link HeaderCharacters}
     * instead of its regular expressions: the same strings pass, at a fraction of the cost.
     */
    @Bean
    HttpFirewall httpFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(HeaderCharacters::name);
        firewall.setAllowedHeaderValues(HeaderCharacters::value);
        firewall.setAllowedParameterNames(HeaderCharacters::name);
        return firewall;
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    AuthenticationManager authenticationManager(StaffAuthenticationProvider staffProvider) {
        ProviderManager manager = new ProviderManager(staffProvider);
        manager.setEraseCredentialsAfterAuthentication(true);
        return manager;
    }

    /** The filter chains exist only when Shuxiang serves the web (not for command-line runs). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    static class Doors {

        @Bean
        @Order(1)
        SecurityFilterChain apiSecurity(HttpSecurity http, AuthenticationManager manager, ApiKeys keys,
                                        ProblemSecurityHandlers problems) throws Exception {
            return stateless(http.securityMatcher("/api/**"), manager, keys, problems)
                    .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                    .build();
        }

        @Bean
        @Order(2)
        SecurityFilterChain actuatorSecurity(HttpSecurity http, AuthenticationManager manager, ApiKeys keys,
                                             ProblemSecurityHandlers problems) throws Exception {
            return stateless(http.securityMatcher("/actuator/**"), manager, keys, problems)
                    .authorizeHttpRequests(a -> a
                            .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                            .anyRequest().access(new PermissionAuthorizationManager(Permission.METRICS_READ)))
                    .build();
        }

        /** A door for programs: Basic or an API key on every request, no session, problems for errors. */
        private static HttpSecurity stateless(HttpSecurity http, AuthenticationManager manager, ApiKeys keys,
                                              ProblemSecurityHandlers problems) throws Exception {
            return http.authenticationManager(manager)
                    .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                    .csrf(csrf -> csrf.disable())
                    // no session, so nothing to log out of and no request to save for after a sign-in
                    .logout(logout -> logout.disable())
                    .requestCache(cache -> cache.disable())
                    .httpBasic(basic -> basic.authenticationEntryPoint(problems))
                    .addFilterBefore(new ApiKeyAuthenticationFilter(keys, problems), BasicAuthenticationFilter.class)
                    .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems));
        }

        @Bean
        @Order(3)
        SecurityFilterChain webSecurity(HttpSecurity http, AuthenticationManager manager) throws Exception {
            return http
                    .authenticationManager(manager)
                    .formLogin(form -> form.loginPage("/login").permitAll().defaultSuccessUrl("/staff", false))
                    .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                    .authorizeHttpRequests(a -> a
                            .requestMatchers("/staff", "/staff/**").access(STAFF_ONLY)
                            .anyRequest().permitAll())
                    .build();
        }
    }
}
