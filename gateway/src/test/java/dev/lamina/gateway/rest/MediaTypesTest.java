package dev.lamina.gateway.rest;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MediaTypesTest {
    @Test
    void typesMatchExactlyByWildcardOrByAnyTypeWithParametersIgnored() {
        assertThat(MediaTypes.binary(List.of("image/png"), "image/png; q=1")).isTrue();
        assertThat(MediaTypes.binary(List.of("image/*"), "IMAGE/JPEG")).isTrue();
        assertThat(MediaTypes.binary(List.of("*/*"), "text/plain")).isTrue();
        assertThat(MediaTypes.binary(List.of("image/png"), "text/html, image/png")).isTrue();
        assertThat(MediaTypes.binary(List.of("image/png"), "text/plain")).isFalse();
        assertThat(MediaTypes.binary(List.of(), "image/png")).isFalse();
        assertThat(MediaTypes.binary(List.of("image/png"), null)).isFalse();
    }
}
