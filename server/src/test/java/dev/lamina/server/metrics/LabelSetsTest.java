package dev.lamina.server.metrics;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class LabelSetsTest {
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final LabelSets sets = new LabelSets(registry, 2);

    @Test
    void labelSetsBeyondTheBoundAreFoldedIntoOther() {
        FunctionMeters a = sets.meters(new LabelSet("a", "$LATEST", ""));
        sets.meters(new LabelSet("a", "1", "live")).counter(FunctionMeters.Count.INVOCATIONS).increment();
        FunctionMeters c = sets.meters(new LabelSet("c", "$LATEST", ""));
        c.counter(FunctionMeters.Count.INVOCATIONS).increment();
        assertThat(sets.meters(new LabelSet("a", "$LATEST", ""))).isSameAs(a);
        assertThat(sets.functions()).containsExactly("a");
        assertThat(registry.get("lamina.invocations").tag("function", "(other)").counter().count()).isEqualTo(1);
        assertThat(sets.admits("a", sets.functions())).isTrue();
        assertThat(sets.admits("c", sets.functions())).isFalse();
    }

    @Test
    void forgettingAFunctionRemovesItsSeriesAndFreesItsPlaces() {
        sets.meters(new LabelSet("a", "$LATEST", "")).counter(FunctionMeters.Count.INVOCATIONS).increment();
        sets.meters(new LabelSet("a", "1", "")).counter(FunctionMeters.Count.ERRORS).increment();
        sets.forget("a");
        assertThat(registry.find("lamina.invocations").tag("function", "a").meters()).isEmpty();
        assertThat(registry.find("lamina.errors").meters()).isEmpty();
        sets.meters(new LabelSet("b", "$LATEST", "")).counter(FunctionMeters.Count.INVOCATIONS).increment();
        sets.meters(new LabelSet("c", "$LATEST", "")).counter(FunctionMeters.Count.INVOCATIONS).increment();
        assertThat(sets.functions()).isEqualTo(Set.of("b", "c"));
    }

    @Test
    void aFunctionNamedLikeAnOverflowWordKeepsItsOwnSeries() {
        sets.meters(new LabelSet("_other", "$LATEST", "")).counter(FunctionMeters.Count.INVOCATIONS).increment();
        sets.meters(new LabelSet("other", "$LATEST", "")).counter(FunctionMeters.Count.INVOCATIONS).increment();
        sets.meters(new LabelSet("late", "$LATEST", "")).counter(FunctionMeters.Count.INVOCATIONS).increment();
        assertThat(registry.get("lamina.invocations").tag("function", "_other").counter().count()).isEqualTo(1);
        assertThat(registry.get("lamina.invocations").tag("function", LabelSets.OTHER).counter().count()).isEqualTo(1);
        assertThat(sets.functions()).isEqualTo(Set.of("_other", "other"));
        assertThat(dev.lamina.model.FunctionName.isValid(LabelSets.OTHER)).isFalse();
    }
}
