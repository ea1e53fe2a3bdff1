package dev.lamina.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionCode;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.Runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Nothing acknowledged is lost: a server killed with SIGKILL in the middle of a stream of changes
 * comes back with every change it answered 2xx for. The ledger of acknowledged changes is kept here,
 * in the test, independently of the server.
 */
class RestartIT {
    @TempDir
    Path tmp;

    /** What the test knows was acknowledged for one function. */
    record Acknowledged(String codeSha256, int memorySize, long publishedVersions) {
    }

    @Test
    void everyAcknowledgedChangeSurvivesRepeatedKillNine() throws Exception {
        Path dataDir = tmp.resolve("data");
        Files.createDirectories(dataDir);
        Map<String, Acknowledged> ledger = new ConcurrentHashMap<>();
        AtomicInteger sequence = new AtomicInteger();
        int unacknowledged = 0;

        for (int round = 0; round < 3; round++) {
            try (LaminaProcess server = LaminaProcess.start(dataDir); LambdaClient lambda = server.lambda()) {
                verify(lambda, ledger);
                ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor();
                AtomicInteger failures = new AtomicInteger();
                for (int w = 0; w < 8; w++) {
                    writers.submit(() -> {
                        while (!Thread.currentThread().isInterrupted()) {
                            try {
                                change(lambda, ledger, "fn-" + sequence.incrementAndGet());
                            } catch (RuntimeException e) {
                                failures.incrementAndGet(); // in flight when the server died: never acknowledged
                                if (failures.get() > 50) {
                                    return;
                                }
                            }
                        }
                    });
                }
                Thread.sleep(1500 + ThreadLocalRandom.current().nextInt(1500));
                server.kill();
                writers.shutdownNow();
                assertThat(writers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
                unacknowledged += failures.get();
            }
        }
        try (LaminaProcess server = LaminaProcess.start(dataDir); LambdaClient lambda = server.lambda()) {
            verify(lambda, ledger);
        }
        // A floor of work done, so that "nothing lost" means something; not a throughput target (how many
        // functions a few seconds allow depends on the machine's load; throughput is bench/'s to measure).
        assertThat(ledger).as("acknowledged functions").hasSizeGreaterThan(10);
        System.out.printf("RestartIT: %d functions acknowledged, %d requests cut off by kill -9, 0 lost%n",
                ledger.size(), unacknowledged);
    }

    /** Creates a function, then changes it; records each step only once the server has answered it. */
    private static void change(LambdaClient lambda, Map<String, Acknowledged> ledger, String name) {
        byte[] zip = Zips.nodeEcho(name);
        var created = lambda.createFunction(b -> b.functionName(name).runtime(Runtime.NODEJS20_X)
                .handler("index.handler").role(TestServer.ROLE)
                .code(FunctionCode.builder().zipFile(Zips.sdk(zip)).build()));
        ledger.put(name, new Acknowledged(created.codeSha256(), created.memorySize(), 0));
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName(name));
        var updated = lambda.updateFunctionConfiguration(b -> b.functionName(name).memorySize(256));
        ledger.put(name, new Acknowledged(created.codeSha256(), updated.memorySize(), 0));
        lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName(name));
        var version = lambda.publishVersion(b -> b.functionName(name));
        ledger.put(name, new Acknowledged(created.codeSha256(), updated.memorySize(), Long.parseLong(version.version())));
    }

    /** Every acknowledged function is there, as acknowledged, and reaches Active after the restart. */
    private static void verify(LambdaClient lambda, Map<String, Acknowledged> ledger) {
        List<String> missing = new ArrayList<>();
        for (var e : ledger.entrySet()) {
            GetFunctionResponse got;
            try {
                got = lambda.getFunction(b -> b.functionName(e.getKey()));
            } catch (software.amazon.awssdk.services.lambda.model.ResourceNotFoundException notFound) {
                missing.add(e.getKey());
                continue;
            }
            FunctionConfiguration c = got.configuration();
            assertThat(c.codeSha256()).as(e.getKey()).isEqualTo(e.getValue().codeSha256());
            assertThat(c.memorySize()).as(e.getKey()).isGreaterThanOrEqualTo(e.getValue().memorySize());
            if (e.getValue().publishedVersions() > 0) {
                assertThat(lambda.listVersionsByFunction(b -> b.functionName(e.getKey())).versions())
                        .as(e.getKey()).hasSizeGreaterThanOrEqualTo(2);
            }
        }
        assertThat(missing).as("acknowledged functions lost").isEmpty();
        await().atMost(60, TimeUnit.SECONDS).untilAsserted(() -> {
            for (String name : ledger.keySet()) {
                assertThat(lambda.getFunctionConfiguration(b -> b.functionName(name)).stateAsString())
                        .as(name).isEqualTo("Active");
            }
        });
    }
}
