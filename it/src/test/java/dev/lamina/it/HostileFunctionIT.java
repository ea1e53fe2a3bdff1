package dev.lamina.it;

import software.amazon.awssdk.services.lambda.LambdaClient;

import java.nio.file.Path;

/** The hostile-function suite against a server in this JVM, running as root (the default on Lamina's CI). */
class HostileFunctionIT extends HostileProbes {
    private TestServer server;
    private LambdaClient lambda;

    @Override
    void startServer() {
        server = TestServer.start();
        lambda = server.lambda();
    }

    @Override
    void stopServer() {
        lambda.close();
        server.close();
    }

    @Override
    LambdaClient lambda() {
        return lambda;
    }

    @Override
    Path dataDir() {
        return server.dataDir();
    }
}
