package dev.lamina.server;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetricsConfigTest {
    @Test
    void onAndOffAreWordsAndAnythingElseIsAnAddress() {
        assertThat(MetricsConfig.exposure(" ON ")).isInstanceOf(MetricsConfig.Exposure.Api.class);
        assertThat(MetricsConfig.exposure("off")).isInstanceOf(MetricsConfig.Exposure.Off.class);
        assertThat(MetricsConfig.exposure("127.0.0.1:9464")).isEqualTo(new MetricsConfig.Exposure.Separate("127.0.0.1", 9464));
        assertThat(MetricsConfig.exposure("[::1]:0")).isEqualTo(new MetricsConfig.Exposure.Separate("::1", 0));
    }

    @Test
    void aBadAddressIsRefusedWithWhatIsWrong() {
        assertThatThrownBy(() -> MetricsConfig.exposure("9464")).hasMessageContaining("on, off or host:port");
        assertThatThrownBy(() -> MetricsConfig.exposure(":9464")).hasMessageContaining("needs a host");
        assertThatThrownBy(() -> MetricsConfig.exposure("localhost:http")).hasMessageContaining("not a number");
        assertThatThrownBy(() -> MetricsConfig.exposure("localhost:70000")).hasMessageContaining("between 0 and 65535");
    }
}
