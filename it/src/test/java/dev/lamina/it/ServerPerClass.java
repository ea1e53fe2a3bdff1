package dev.lamina.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * One real server per test class, started before its tests and stopped after them, with an SDK
 * client for it. A subclass's own {@code @BeforeAll} runs after this one, so it can deploy fixtures.
 */
abstract class ServerPerClass {
    static TestServer server;
    static LambdaClient lambda;

    @BeforeAll
    static void startServer() {
        server = TestServer.start();
        lambda = server.lambda();
    }

    @AfterAll
    static void stopServer() {
        lambda.close();
        server.close();
    }
}
