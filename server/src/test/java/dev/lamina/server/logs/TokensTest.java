package dev.lamina.server.logs;

import dev.lamina.logs.LogEvent;
import dev.lamina.server.http.JsonServiceException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokensTest {
    @Test
    void streamTokensLookLikeCloudWatchsAndNameTheirPosition() {
        LogEvent.Position p = new LogEvent.Position(1_796_000_400_000L, 4096);
        String f = Tokens.forward(p);
        assertThat(f).matches("f/\\d{38}");
        assertThat(Tokens.stream(f)).isEqualTo(new Tokens.StreamToken(true, p));
        assertThat(Tokens.stream(Tokens.backward(p))).isEqualTo(new Tokens.StreamToken(false, p));
        assertThat(Tokens.stream(Tokens.forward(LogEvent.Position.START)).position()).isEqualTo(LogEvent.Position.START);
    }

    @Test
    void aTokenThatIsNotOneOfOursIsAnInvalidParameter() {
        for (String bad : new String[] {"x", "f/12", "g/" + "1".repeat(38), "f/" + "9".repeat(38), "f/" + "0".repeat(19)
                + "1".repeat(19), "f/" + "1".repeat(37) + "a", "%%%"}) {
            assertThatThrownBy(() -> Tokens.stream(bad)).as(bad).isInstanceOfSatisfying(JsonServiceException.class, e -> {
                assertThat(e.code()).isEqualTo("InvalidParameterException");
                assertThat(e.status()).isEqualTo(400);
            });
        }
        assertThatThrownBy(() -> Tokens.unopaque("***")).isInstanceOf(JsonServiceException.class);
    }
}
