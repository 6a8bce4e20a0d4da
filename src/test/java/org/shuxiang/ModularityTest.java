package org.shuxiang;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

class ModularityTest {

    private final ApplicationModules modules = ApplicationModules.of(ShuxiangApplication.class);

    @Test
    void modules_use_each_other_only_through_their_public_api_and_never_in_a_cycle() {
        modules.verify();
    }

    @Test
    void the_modules_are_those_of_the_architecture() {
        assertThat(modules.stream().map(m -> m.getIdentifier().toString()))
                .contains("platform", "network", "demo");
    }

    @Test
    void the_platform_depends_on_no_other_module() {
        var platform = modules.getModuleByName("platform").orElseThrow();
        assertThat(platform.getDirectDependencies(modules).stream().toList()).isEmpty();
    }
}
