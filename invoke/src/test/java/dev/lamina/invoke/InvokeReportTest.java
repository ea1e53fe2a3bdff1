package dev.lamina.invoke;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class InvokeReportTest {
    @Test
    void reportLinesLookLikeLambdas() {
        assertThat(InvokeReport.report("r-1", Duration.ofNanos(2_345_678), 128, 40, Optional.of(Duration.ofMillis(150)),
                Optional.empty(), Optional.empty()))
                .isEqualTo("REPORT RequestId: r-1\tDuration: 2.35 ms\tBilled Duration: 3 ms\tMemory Size: 128 MB\t"
                        + "Max Memory Used: 40 MB\tInit Duration: 150.00 ms\t");
        assertThat(InvokeReport.report("r-2", Duration.ofSeconds(3), 512, 90, Optional.empty(), Optional.of("timeout"),
                Optional.empty())).endsWith("\tStatus: timeout\t");
        assertThat(InvokeReport.report("r-3", Duration.ofMillis(5), 512, 90, Optional.empty(), Optional.of("error"),
                Optional.of("Runtime.ExitError"))).endsWith("\tStatus: error\tError Type: Runtime.ExitError\t");
    }

    @Test
    void billedDurationRoundsUpToTheMillisecondAndIsNeverZero() {
        assertThat(InvokeReport.billedMillis(Duration.ofNanos(1))).isEqualTo(1);
        assertThat(InvokeReport.billedMillis(Duration.ofMillis(7))).isEqualTo(7);
        assertThat(InvokeReport.billedMillis(Duration.ofNanos(7_000_001))).isEqualTo(8);
    }

    @Test
    void platformLinesMatchLambdas() {
        assertThat(InvokeReport.start("r", "$LATEST")).isEqualTo("START RequestId: r Version: $LATEST");
        assertThat(InvokeReport.end("r")).isEqualTo("END RequestId: r");
        assertThat(InvokeReport.initReport(Duration.ofMillis(10_000), "init", "timeout", Optional.empty()))
                .isEqualTo("INIT_REPORT Init Duration: 10000.00 ms\tPhase: init\tStatus: timeout");
        assertThat(InvokeReport.seconds(Duration.ofSeconds(3))).isEqualTo("3.00 seconds");
    }
}
