package org.shuxiang.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class CollectorAdviceTest {

    @Test
    void aServerThatCollectsWithPausesIsToldToStartWithZgc() {
        assertThat(CollectorAdvice.advice(List.of("G1 Young Generation", "G1 Old Generation")))
                .hasValueSatisfying(advice -> assertThat(advice)
                        .contains("G1 Young Generation, G1 Old Generation").contains("-XX:+UseZGC"));
    }

    @Test
    void aServerOnZgcIsToldNothing() {
        assertThat(CollectorAdvice.advice(List.of("ZGC Cycles", "ZGC Pauses"))).isEmpty();
        assertThat(CollectorAdvice.advice(List.of("ZGC Minor Cycles", "ZGC Minor Pauses", "ZGC Major Cycles",
                "ZGC Major Pauses"))).isEmpty();
    }
}
