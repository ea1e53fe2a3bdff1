package dev.lamina.eventbridge.schedule;

import dev.lamina.model.ServiceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScheduleExpressionTest {
    private static final ZoneId UTC = ZoneOffset.UTC;
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    @ParameterizedTest
    @ValueSource(strings = {"rate(1 minute)", "rate(5 minutes)", "rate(1 hour)", "rate(2 hours)", "rate(1 day)",
            "rate(7 days)", "cron(0 12 * * ? *)", "cron(0 2 ? * SAT *)", "cron(5,35 14 * * ? *)",
            "cron(15 10 ? * 6L 2002-2005)", "cron(0 2 ? * SAT#3 *)", "cron(* * ? * SAT#3 *)",
            "cron(0/5 5 ? JAN 1-5 2022)", "cron(0/15 * * * ? *)", "cron(0/5 8-17 ? * MON-FRI *)",
            "cron(0 8 1 * ? *)", "cron(0 0 L * ? *)", "cron(0 0 15W * ? *)", "cron(0 0 LW * ? *)",
            "cron(0 0 ? * L *)", "cron(* * * * ? *)", "cron(0 0 1 jan,jul ? 1970,2199)", "cron(0 22-2 * * ? *)",
            "cron(*/10 * ? * mon-fri *)", "cron(0 0 1/2 * ? *)", "cron(0 0 ? * 1,3,5 *)"})
    void validForBoth(String text) {
        assertThat(ScheduleExpression.forRule(text).text()).isEqualTo(text);
        assertThat(ScheduleExpression.forScheduler(text).text()).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rate(10 seconds)", "rate(10 years)", "rate()", "rate(10)", "rate(10 minutess)",
            "rate(foo minutes)", "rate(-10 minutes)", "rate( 10 minutes )", " rate(10 minutes)", "rate(10 minutes) ",
            "rate(10  minutes)", "cron(0 1 * * * *)", "cron(0 1 ? * ? *)", "cron(7 20 * * NOT *)", "cron(INVALID)",
            "cron(0 dummy ? * MON-FRI *)", "cron(71 8 1 * ? *)", "cron()", "cron(0 24 * * ? *)",
            "cron(0 0 32 * ? *)", "cron(0 0 0 * ? *)", "cron(0 0 * 13 ? *)", "cron(0 0 ? * 8 *)",
            "cron(0 0 * * ? 1969)", "cron(0 0 * * ? 2200)", "cron(0 0 ? * 6#6 *)", "cron(0 0 ? * 6#0 *)",
            "cron(0 0 ? * 1/2 *)", "cron(0/0 * * * ? *)", "cron(0/61 * * * ? *)", "cron(0 0 * * ?)",
            "cron(0 0 * * ? * *)", "cron(0  0 * * ? *)", " cron(0 0 * * ? *)", "cron(0 0 1,L * ? *)",
            "cron(0 0 ? * L,2 *)", "cron(0 0 W * ? *)", "cron(0 0 32W * ? *)", "cron(0 0 * * L *)",
            "cron(0 0 ? * 1# *)", "cron(, 0 * * ? *)", "cron(1- 0 * * ? *)", "at(2030-01-01T00:00:00)",
            "RATE(5 minutes)", "", "cron(0 0 * * ? *"})
    void invalidForRules(String text) {
        assertThatThrownBy(() -> ScheduleExpression.forRule(text))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.code()).isEqualTo("ValidationException");
                    assertThat(e.getMessage()).isEqualTo("Parameter ScheduleExpression is not valid.");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"rate(1 minutes)", "rate(1 hours)", "rate(1 days)", "rate(10 minute)", "rate(10 hour)",
            "rate(10 day)", "rate(0 minutes)", "rate(10 MINUTES)", "rate(2 minute)"})
    void rulesAreStricterThanScheduler(String text) {
        assertThatThrownBy(() -> ScheduleExpression.forRule(text)).isInstanceOf(ServiceException.class);
        assertThat(ScheduleExpression.forScheduler(text).text()).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cron(0 1 * * * *)", "cron(7 20 * * NOT *)", "cron(INVALID)", "cron()",
            "rate()", "rate(10)", "rate(10 minutess)", "rate(-10 minutes)", " rate(10 minutes)",
            "at(2021-12-31T23:59:59Z)", "at(2021-12-31)", "at(2021-02-30T00:00:00)", "at(2021-12-31T24:00:00)",
            "at( 2021-12-31T23:59:59)"})
    void schedulerMessageNamesTheExpression(String text) {
        assertThatThrownBy(() -> ScheduleExpression.forScheduler(text))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.code()).isEqualTo("ValidationException");
                    assertThat(e.getMessage()).isEqualTo("Invalid Schedule Expression " + text + ".");
                });
    }

    @Test
    void nullIsInvalid() {
        assertThatThrownBy(() -> ScheduleExpression.forRule(null)).isInstanceOf(ServiceException.class);
        assertThatThrownBy(() -> ScheduleExpression.forScheduler(null)).isInstanceOf(ServiceException.class);
    }

    // --- next fire times ---

    private static List<String> next(ScheduleExpression e, String from, ZoneId zone, int n) {
        List<String> out = new ArrayList<>();
        Instant t = Instant.parse(from);
        for (int i = 0; i < n; i++) {
            Optional<Instant> next = e.nextAfter(t, zone);
            if (next.isEmpty()) {
                break;
            }
            t = next.get();
            out.add(t.toString());
        }
        return out;
    }

    private static List<String> cron(String text, String from, int n) {
        return next(ScheduleExpression.forRule(text), from, UTC, n);
    }

    @Test
    void everyMinuteIsStrictlyAfter() {
        assertThat(cron("cron(* * * * ? *)", "2026-03-01T10:00:00Z", 2))
                .containsExactly("2026-03-01T10:01:00Z", "2026-03-01T10:02:00Z");
        assertThat(cron("cron(* * * * ? *)", "2026-03-01T10:00:30.5Z", 1)).containsExactly("2026-03-01T10:01:00Z");
        assertThat(cron("cron(* * * * ? *)", "2026-03-01T09:59:59.999Z", 1)).containsExactly("2026-03-01T10:00:00Z");
    }

    @Test
    void stepsListsAndRanges() {
        assertThat(cron("cron(5/20 * * * ? *)", "2026-03-01T10:00:00Z", 4)).containsExactly(
                "2026-03-01T10:05:00Z", "2026-03-01T10:25:00Z", "2026-03-01T10:45:00Z", "2026-03-01T11:05:00Z");
        assertThat(cron("cron(5,35 14 * * ? *)", "2026-03-01T14:10:00Z", 3)).containsExactly(
                "2026-03-01T14:35:00Z", "2026-03-02T14:05:00Z", "2026-03-02T14:35:00Z");
        assertThat(cron("cron(0 22-1 * * ? *)", "2026-03-01T12:00:00Z", 4)).containsExactly(
                "2026-03-01T22:00:00Z", "2026-03-01T23:00:00Z", "2026-03-02T00:00:00Z", "2026-03-02T01:00:00Z");
        assertThat(cron("cron(0 10-20/5 * * ? *)", "2026-03-01T00:00:00Z", 4)).containsExactly(
                "2026-03-01T10:00:00Z", "2026-03-01T15:00:00Z", "2026-03-01T20:00:00Z", "2026-03-02T10:00:00Z");
    }

    @Test
    void weekdaysByName() {
        // 2026-03-06 is a Friday
        assertThat(cron("cron(0 18 ? * MON-FRI *)", "2026-03-06T19:00:00Z", 2))
                .containsExactly("2026-03-09T18:00:00Z", "2026-03-10T18:00:00Z");
        assertThat(cron("cron(0 2 ? * SAT *)", "2026-03-01T00:00:00Z", 2))
                .containsExactly("2026-03-07T02:00:00Z", "2026-03-14T02:00:00Z");
        assertThat(cron("cron(0 0 ? * 1 *)", "2026-03-01T00:00:00Z", 1)).containsExactly("2026-03-08T00:00:00Z");
    }

    @Test
    void lastDayOfMonthAcrossLeapYears() {
        assertThat(cron("cron(0 0 L * ? *)", "2024-01-31T12:00:00Z", 3)).containsExactly(
                "2024-02-29T00:00:00Z", "2024-03-31T00:00:00Z", "2024-04-30T00:00:00Z");
        assertThat(cron("cron(0 0 L 2 ? *)", "2025-01-01T00:00:00Z", 2))
                .containsExactly("2025-02-28T00:00:00Z", "2026-02-28T00:00:00Z");
    }

    @Test
    void february29thOnlyInLeapYears() {
        assertThat(cron("cron(0 0 29 2 ? *)", "2025-01-01T00:00:00Z", 3)).containsExactly(
                "2028-02-29T00:00:00Z", "2032-02-29T00:00:00Z", "2036-02-29T00:00:00Z");
        assertThat(cron("cron(0 0 29 2 ? 2100-2103)", "2025-01-01T00:00:00Z", 1)).isEmpty();
    }

    @Test
    void lastWeekdayOfMonthInDayOfWeek() {
        // 6L: last Friday; March 2026 ends on Tuesday the 31st, its last Friday is the 27th
        assertThat(cron("cron(15 10 ? * 6L *)", "2026-03-01T00:00:00Z", 2))
                .containsExactly("2026-03-27T10:15:00Z", "2026-04-24T10:15:00Z");
        assertThat(cron("cron(0 0 ? * L *)", "2026-03-01T00:00:00Z", 1)).containsExactly("2026-03-07T00:00:00Z");
    }

    @Test
    void nearestWeekday() {
        // 2026-08-15 is a Saturday -> Friday 14th; 2026-11-15 a Sunday -> Monday 16th
        assertThat(cron("cron(0 9 15W * ? *)", "2026-08-01T00:00:00Z", 1)).containsExactly("2026-08-14T09:00:00Z");
        assertThat(cron("cron(0 9 15W * ? *)", "2026-11-01T00:00:00Z", 1)).containsExactly("2026-11-16T09:00:00Z");
        // 2026-08-01 is a Saturday: 1W does not leave the month, it is Monday the 3rd
        assertThat(cron("cron(0 9 1W 8 ? *)", "2026-07-01T00:00:00Z", 1)).containsExactly("2026-08-03T09:00:00Z");
        // 2026-05-31 is a Sunday: 31W is Friday the 29th; 31W skips months without a 31st
        assertThat(cron("cron(0 9 31W * ? *)", "2026-05-01T00:00:00Z", 2))
                .containsExactly("2026-05-29T09:00:00Z", "2026-07-31T09:00:00Z");
        // LW: last weekday; 2026-05-31 is a Sunday
        assertThat(cron("cron(0 9 LW 5 ? *)", "2026-01-01T00:00:00Z", 1)).containsExactly("2026-05-29T09:00:00Z");
    }

    @Test
    void nthWeekday() {
        // third Saturday of March 2026: the 21st; May 2026 has five Fridays, June none fifth
        assertThat(cron("cron(0 2 ? * SAT#3 *)", "2026-03-01T00:00:00Z", 2))
                .containsExactly("2026-03-21T02:00:00Z", "2026-04-18T02:00:00Z");
        assertThat(cron("cron(0 0 ? * 6#5 *)", "2026-05-01T00:00:00Z", 2))
                .containsExactly("2026-05-29T00:00:00Z", "2026-07-31T00:00:00Z");
    }

    @Test
    void yearBounds() {
        assertThat(cron("cron(0/5 5 ? JAN 1-5 2022)", "2026-01-01T00:00:00Z", 1)).isEmpty();
        assertThat(cron("cron(0/5 5 ? JAN 1-5 2022)", "2021-06-01T00:00:00Z", 1)).containsExactly("2022-01-02T05:00:00Z"); // 1-5 is SUN-THU; Jan 1 2022 is a Saturday
        assertThat(cron("cron(59 23 31 12 ? 2199)", "2199-12-31T23:58:00Z", 2)).containsExactly("2199-12-31T23:59:00Z");
        assertThat(cron("cron(0 0 1 1 ? *)", "1900-01-01T00:00:00Z", 1)).containsExactly("1970-01-01T00:00:00Z");
        assertThat(cron("cron(* * * * ? *)", "2199-12-31T23:59:00Z", 1)).isEmpty();
    }

    @Test
    void springForwardSkipsTheMissingTimeInNewYork() {
        // 2026-03-08: 02:00 EST jumps to 03:00 EDT; 02:30 does not exist that day
        ScheduleExpression e = ScheduleExpression.forScheduler("cron(30 2 * * ? *)");
        assertThat(next(e, "2026-03-07T00:00:00Z", NEW_YORK, 3)).containsExactly(
                "2026-03-07T07:30:00Z", "2026-03-09T06:30:00Z", "2026-03-10T06:30:00Z");
    }

    @Test
    void fallBackFiresOnceInNewYork() {
        // 2026-11-01: 01:00-01:59 happens twice (EDT, then EST); 01:30 fires once, at its first occurrence
        ScheduleExpression e = ScheduleExpression.forScheduler("cron(30 1 * * ? *)");
        assertThat(next(e, "2026-10-31T00:00:00Z", NEW_YORK, 3)).containsExactly(
                "2026-10-31T05:30:00Z", "2026-11-01T05:30:00Z", "2026-11-02T06:30:00Z");
        ScheduleExpression hourly = ScheduleExpression.forScheduler("cron(0 * * * ? *)");
        assertThat(next(hourly, "2026-11-01T04:30:00Z", NEW_YORK, 3)).containsExactly(
                "2026-11-01T05:00:00Z", "2026-11-01T07:00:00Z", "2026-11-01T08:00:00Z");
        // from inside the second 01:xx (EST), the first occurrence is behind: next is 02:00 EST
        assertThat(next(hourly, "2026-11-01T06:10:00Z", NEW_YORK, 1)).containsExactly("2026-11-01T07:00:00Z");
    }

    @Test
    void londonDaylightSaving() {
        // 2026-03-29 01:00 GMT -> 02:00 BST; 2026-10-25 02:00 BST -> 01:00 GMT
        ScheduleExpression e = ScheduleExpression.forScheduler("cron(30 1 * * ? *)");
        assertThat(next(e, "2026-03-28T00:00:00Z", LONDON, 3)).containsExactly(
                "2026-03-28T01:30:00Z", "2026-03-30T00:30:00Z", "2026-03-31T00:30:00Z");
        assertThat(next(e, "2026-10-24T12:00:00Z", LONDON, 2)).containsExactly(
                "2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z");
        ScheduleExpression nine = ScheduleExpression.forScheduler("cron(0 9 * * ? *)");
        assertThat(next(nine, "2026-03-28T12:00:00Z", LONDON, 2))
                .containsExactly("2026-03-29T08:00:00Z", "2026-03-30T08:00:00Z");
    }

    @Test
    void rateCountsFromTheGivenTime() {
        ScheduleExpression e = ScheduleExpression.forRule("rate(5 minutes)");
        assertThat(next(e, "2026-03-08T06:58:20Z", NEW_YORK, 2))
                .containsExactly("2026-03-08T07:03:20Z", "2026-03-08T07:08:20Z");
        assertThat(next(ScheduleExpression.forRule("rate(1 day)"), "2026-03-07T12:00:00Z", NEW_YORK, 2))
                .containsExactly("2026-03-08T12:00:00Z", "2026-03-09T12:00:00Z");
        assertThat(ScheduleExpression.forScheduler("rate(0 minutes)").nextAfter(Instant.EPOCH, UTC)).isEmpty();
    }

    @Test
    void atIsReadInTheZoneAndFiresOnce() {
        ScheduleExpression e = ScheduleExpression.forScheduler("at(2026-07-01T09:00:00)");
        assertThat(e.nextAfter(Instant.parse("2026-01-01T00:00:00Z"), NEW_YORK))
                .contains(Instant.parse("2026-07-01T13:00:00Z"));
        assertThat(e.nextAfter(Instant.parse("2026-07-01T13:00:00Z"), NEW_YORK)).isEmpty();
        assertThat(e.nextAfter(Instant.parse("2026-01-01T00:00:00Z"), UTC))
                .contains(Instant.parse("2026-07-01T09:00:00Z"));
    }

    @Test
    void searchIsFast() {
        ScheduleExpression e = ScheduleExpression.forRule("cron(0 0 29 2 ? 2196)");
        long start = System.nanoTime();
        for (int i = 0; i < 1000; i++) {
            assertThat(e.nextAfter(Instant.parse("1970-01-01T00:00:00Z"), UTC))
                    .contains(Instant.parse("2196-02-29T00:00:00Z"));
        }
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2000);
    }
}
