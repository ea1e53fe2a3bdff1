package dev.lamina.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;
import software.amazon.awssdk.services.scheduler.model.ScheduleSummary;
import software.amazon.awssdk.services.scheduler.model.Tag;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Scheduler's promise across {@code kill -9}: every group and schedule whose create or update was
 * answered 200 is there after a restart on the same data directory, with its definition, dates and
 * tags; what was deleted stays deleted. The ledger is the test's own: what the server acknowledged.
 */
class SchedulerCrashIT {
    static final String FUNCTION = "arn:aws:lambda:us-east-1:000000000000:function:crash-target";
    static final String ROLE = "arn:aws:iam::000000000000:role/crash-role";

    @TempDir
    Path tmp;

    private static void create(SchedulerClient scheduler, String group, String name, String expression) {
        scheduler.createSchedule(b -> b.name(name).groupName(group).scheduleExpression(expression)
                .state(ScheduleState.DISABLED).flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                .target(t -> t.arn(FUNCTION).roleArn(ROLE).input("{\"n\":\"" + name + "\"}")));
    }

    @Test
    void acknowledgedGroupsAndSchedulesSurviveKillNine() throws Exception {
        Path dataDir = tmp.resolve("data");
        Files.createDirectories(dataDir);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        GetScheduleResponse updated;
        int cutOff;

        try (LaminaProcess server = LaminaProcess.start(dataDir);
             SchedulerClient scheduler = EventBridgeTesting.scheduler(server.endpoint())) {
            scheduler.createScheduleGroup(b -> b.name("crash").tags(Tag.builder().key("k").value("v").build()));
            scheduler.createScheduleGroup(b -> b.name("doomed"));
            create(scheduler, "doomed", "goes-with-its-group", "rate(1 day)");
            create(scheduler, "crash", "deleted", "rate(1 day)");
            create(scheduler, "crash", "updated", "rate(1 day)");
            scheduler.updateSchedule(b -> b.name("updated").groupName("crash").scheduleExpression("cron(0 8 ? * MON *)")
                    .scheduleExpressionTimezone("Asia/Tokyo").state(ScheduleState.DISABLED)
                    .endDate(Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS))
                    .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.FLEXIBLE).maximumWindowInMinutes(5))
                    .target(t -> t.arn(FUNCTION).roleArn(ROLE)));
            updated = scheduler.getSchedule(b -> b.name("updated").groupName("crash"));
            scheduler.deleteSchedule(b -> b.name("deleted").groupName("crash"));
            scheduler.deleteScheduleGroup(b -> b.name("doomed"));
            cutOff = flood(server, scheduler, acknowledged);
        }

        try (LaminaProcess server = LaminaProcess.start(dataDir);
             SchedulerClient scheduler = EventBridgeTesting.scheduler(server.endpoint())) {
            assertThat(scheduler.listTagsForResource(b -> b.resourceArn(
                    "arn:aws:scheduler:us-east-1:000000000000:schedule-group/crash")).tags())
                    .containsExactly(Tag.builder().key("k").value("v").build());
            Set<String> present = scheduler.listSchedulesPaginator(b -> b.groupName("crash")).schedules().stream()
                    .map(ScheduleSummary::name).collect(Collectors.toSet());
            assertThat(present).as("acknowledged schedules after kill -9").containsAll(acknowledged);
            assertThat(present).doesNotContain("deleted");
            assertThat(scheduler.getSchedule(b -> b.name("updated").groupName("crash")))
                    .as("the update, dates and all (every member, as the SDK prints them)")
                    .hasToString(updated.toString());
            String sample = acknowledged.iterator().next();
            assertThat(scheduler.getSchedule(b -> b.name(sample).groupName("crash")).target().input())
                    .isEqualTo("{\"n\":\"" + sample + "\"}");
            assertThatThrownBy(() -> scheduler.getScheduleGroup(b -> b.name("doomed")))
                    .isInstanceOf(ResourceNotFoundException.class);
            assertThat(scheduler.getScheduleGroup(b -> b.name("default")).name()).isEqualTo("default");
            assertThat(acknowledged).as("a floor of work done, so that none lost means something").hasSizeGreaterThan(20);
            System.out.printf("SchedulerCrashIT: %d creates acknowledged, %d cut off by kill -9, 0 lost%n",
                    acknowledged.size(), cutOff);
            assertThat(server.terminate()).isIn(0, 143);
        }
    }

    /** Creates schedules from 8 callers at once until the server is killed mid-flood; answers the calls cut off. */
    private static int flood(LaminaProcess server, SchedulerClient scheduler, Set<String> acknowledged)
            throws Exception {
        AtomicInteger sequence = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();
        for (int c = 0; c < 8; c++) {
            callers.submit(() -> {
                while (!Thread.currentThread().isInterrupted() && failures.get() <= 20) {
                    String name = "flood-" + sequence.incrementAndGet();
                    try {
                        create(scheduler, "crash", name, "rate(" + (1 + name.length()) + " hours)");
                        acknowledged.add(name);
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                    }
                }
            });
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (acknowledged.size() < 60 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        server.kill();
        callers.shutdownNow();
        assertThat(callers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        return failures.get();
    }
}
