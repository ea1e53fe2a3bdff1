package dev.lamina.server.http;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HeaderValuesTest {
    @Test
    void eachValueOfARepeatedHeaderIsTrimmedAndFoldedBeforeTheyAreJoined() {
        assertThat(HeaderValues.joined(List.of("a ", " b"))).hasValue("a,b");
        assertThat(HeaderValues.joined(List.of("x  \t y", "", "z"))).hasValue("x y,,z");
    }

    @Test
    void aSingleValueIsKeptAsSentAndNoValueIsAbsent() {
        assertThat(HeaderValues.joined(List.of("a  b"))).hasValue("a  b");
        assertThat(HeaderValues.joined(List.of())).isEmpty();
    }

    @Test
    void foldingTrimsAndFoldsInnerRunsOfSpacesAndTabs() {
        assertThat(HeaderValues.fold("  a \t  b  ")).isEqualTo("a b");
    }
}
