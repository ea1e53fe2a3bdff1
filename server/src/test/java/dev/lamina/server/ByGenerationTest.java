package dev.lamina.server;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ByGenerationTest {
    @Test
    void theValueIsLoadedOnceAndAgainOnlyAfterTheGenerationChanged() {
        AtomicLong generation = new AtomicLong(3);
        AtomicInteger loads = new AtomicInteger();
        ByGeneration<Integer> names = new ByGeneration<>(generation::get, loads::incrementAndGet);
        assertThat(names.get()).isEqualTo(1);
        assertThat(names.get()).isEqualTo(1);
        generation.incrementAndGet();
        assertThat(names.get()).isEqualTo(2);
        assertThat(names.get()).isEqualTo(2);
        assertThat(loads).hasValue(2);
    }
}
