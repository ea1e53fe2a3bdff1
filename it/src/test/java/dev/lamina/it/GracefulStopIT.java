package dev.lamina.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionCode;
import software.amazon.awssdk.services.lambda.model.Runtime;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** SIGTERM stops the server cleanly: the store is closed and the data is all there at the next start. */
class GracefulStopIT {
    @TempDir
    Path tmp;

    @Test
    void sigtermClosesTheStoreCleanlyAndTheNextStartSeesEverything() throws Exception {
        Path dataDir = tmp.resolve("data");
        Files.createDirectories(dataDir);
        try (LaminaProcess server = LaminaProcess.start(dataDir); LambdaClient lambda = server.lambda()) {
            lambda.createFunction(b -> b.functionName("kept").runtime(Runtime.PYTHON3_12).handler("app.handler")
                    .role(TestServer.ROLE).code(FunctionCode.builder().zipFile(Zips.sdk(Zips.nodeEcho("kept"))).build()));
            int exit = server.terminate();
            // 143 = terminated by SIGTERM after the shutdown hook ran.
            assertThat(exit).isIn(0, 143);
            assertThat(server.log()).contains("Lamina stopped");
        }
        // A clean close folds the write-ahead log back into the database.
        Path wal = dataDir.resolve("lamina.db-wal");
        assertThat(!Files.exists(wal) || Files.size(wal) == 0).as("WAL emptied on close").isTrue();
        try (LaminaProcess server = LaminaProcess.start(dataDir); LambdaClient lambda = server.lambda()) {
            assertThat(lambda.getFunction(b -> b.functionName("kept")).configuration().runtimeAsString())
                    .isEqualTo("python3.12");
        }
    }

    @Test
    void aSecondServerOnTheSameDataDirectoryRefusesToStart() throws Exception {
        Path dataDir = tmp.resolve("shared");
        Files.createDirectories(dataDir);
        try (LaminaProcess first = LaminaProcess.start(dataDir)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> LaminaProcess.start(dataDir))
                    .hasMessageContaining("another Lamina server is using the data directory");
            assertThat(first.endpoint()).isNotNull();
        }
    }
}
