package dev.lamina.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QualifierTest {
    @Test
    void theThreeFormsParseToTheirOwnTypes() {
        assertThat(Qualifier.parse("$LATEST")).isEqualTo(Qualifier.LATEST);
        assertThat(Qualifier.parse("42")).isEqualTo(new Qualifier.Version(42));
        assertThat(Qualifier.parse("prod")).isEqualTo(new Qualifier.Alias("prod"));
        assertThat(Qualifier.parse("v2-canary_1").value()).isEqualTo("v2-canary_1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "", "$latest", "a b", "99999999999999999999"})
    void invalidQualifiersAreRefused(String text) {
        assertThat(Qualifier.isValid(text)).isFalse();
        assertThatThrownBy(() -> Qualifier.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anAliasNameMayNotBeAllDigitsButMayContainThem() {
        assertThat(Qualifier.Alias.isValid("123")).isFalse();
        assertThat(Qualifier.Alias.isValid("v123")).isTrue();
    }
}
