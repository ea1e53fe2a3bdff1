package dev.lamina.usage;

import dev.lamina.invoke.InvocationSummary.Outcome;
import dev.lamina.model.LambdaException;
import dev.lamina.store.secrets.AesGcmSealer;
import dev.lamina.store.sql.SqliteStore;
import dev.lamina.store.usage.UsageFigures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static dev.lamina.usage.UsageMeterTest.APP;
import static dev.lamina.usage.UsageMeterTest.TEN;
import static dev.lamina.usage.UsageMeterTest.ran;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UsageReportsTest {
    @TempDir
    Path dir;
    SqliteStore store;
    UsageMeter meter;
    UsageReports reports;
    final AtomicLong now = new AtomicLong(1_000);
    final List<Long> slept = new ArrayList<>();

    @BeforeEach
    void open() {
        store = SqliteStore.open(dir.resolve("lamina.db"), new AesGcmSealer(new byte[32], "environment-variables"));
        meter = new UsageMeter(store);
        reports = new UsageReports(store, meter, now::get, nanos -> {
            slept.add(nanos);
            now.addAndGet(nanos);
        });
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aReportCoversTheWholeHoursItsRangeTouchesAndIncludesWhatWasNotFlushedYet() {
        meter.ended(ran("$LATEST", 128, TEN.plusSeconds(60), Duration.ofMillis(3), Optional.empty(), Outcome.SUCCESS));
        meter.ended(ran("$LATEST", 128, TEN.plusSeconds(3600 + 60), Duration.ofMillis(5), Optional.empty(),
                Outcome.SUCCESS));

        UsageReport report = reports.report(TEN.plusSeconds(1800), TEN.plusSeconds(1801), Optional.of(APP));
        assertThat(report.from()).isEqualTo(TEN);
        assertThat(report.to()).isEqualTo(TEN.plusSeconds(3600));
        assertThat(report.totals()).isEqualTo(UsageFigures.invocation(128, 3, 0));

        UsageReport both = reports.report(TEN, TEN.plusSeconds(7200), Optional.empty());
        assertThat(both.to()).isEqualTo(TEN.plusSeconds(7200));
        assertThat(both.totals()).isEqualTo(new UsageFigures(2, 8, 8 * 128, 0));
    }

    @Test
    void gbSecondsAreExact() {
        assertThat(UsageFigures.invocation(128, 1, 0).gbSeconds()).isEqualByComparingTo("0.000125");
        assertThat(UsageFigures.invocation(129, 7, 0).gbSeconds().toPlainString()).isEqualTo("0.0008818359375");
        assertThat(UsageFigures.invocation(1024, 1000, 0).gbSeconds()).isEqualTo(BigDecimal.ONE);
        assertThat(UsageFigures.NONE.gbSeconds()).isEqualByComparingTo(BigDecimal.ZERO);
    }

    @Test
    void anEmptyOrOutOfBoundsRangeIsRefused() {
        assertThatThrownBy(() -> reports.report(TEN, TEN, Optional.empty()))
                .isInstanceOf(LambdaException.class).hasMessageContaining("must be before until");
        assertThatThrownBy(() -> reports.report(Instant.parse("1969-12-31T23:00:00Z"), TEN, Optional.empty()))
                .isInstanceOf(LambdaException.class).hasMessageContaining("since must be between");
        assertThatThrownBy(() -> reports.report(TEN, Instant.MAX, Optional.empty()))
                .isInstanceOf(LambdaException.class).hasMessageContaining("until must be between");
    }

    @Test
    void reportsFlushAtMostOnceASecondAndStillIncludeWhatEndedBeforeThem() {
        meter.ended(ran("$LATEST", 128, TEN, Duration.ofMillis(3), Optional.empty(), Outcome.SUCCESS));
        assertThat(reports.report(TEN, TEN.plusSeconds(3600), Optional.empty()).totals().requests()).isEqualTo(1);
        assertThat(slept).isEmpty();

        meter.ended(ran("$LATEST", 128, TEN, Duration.ofMillis(3), Optional.empty(), Outcome.SUCCESS));
        now.addAndGet(Duration.ofMillis(100).toNanos());
        assertThat(reports.report(TEN, TEN.plusSeconds(3600), Optional.empty()).totals().requests()).isEqualTo(2);
        assertThat(slept).containsExactly(Duration.ofMillis(900).toNanos());

        now.addAndGet(Duration.ofSeconds(5).toNanos());
        meter.ended(ran("$LATEST", 128, TEN, Duration.ofMillis(3), Optional.empty(), Outcome.SUCCESS));
        assertThat(reports.report(TEN, TEN.plusSeconds(3600), Optional.empty()).totals().requests()).isEqualTo(3);
        assertThat(slept).hasSize(1);
    }
}
