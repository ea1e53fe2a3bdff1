package dev.lamina.it;

import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;
import software.amazon.awssdk.services.lambda.model.CreateFunctionResponse;
import software.amazon.awssdk.services.lambda.model.FunctionCode;
import software.amazon.awssdk.services.lambda.model.Runtime;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.function.Consumer;

/** Shortcuts for tests that need a function to exist. */
final class Deploy {
    private Deploy() {
    }

    /** Creates a Node.js function with a package unique to its name and waits until it is Active. */
    static CreateFunctionResponse active(LambdaClient lambda, String name) {
        return active(lambda, name, b -> { });
    }

    static CreateFunctionResponse active(LambdaClient lambda, String name, Consumer<CreateFunctionRequest.Builder> more) {
        CreateFunctionResponse created = lambda.createFunction(b -> {
            b.functionName(name).runtime(Runtime.NODEJS20_X).handler("index.handler").role(TestServer.ROLE)
                    .code(FunctionCode.builder().zipFile(Zips.sdk(Zips.nodeEcho(name))).build());
            more.accept(b);
        });
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName(name));
        return created;
    }

    static String sha256(byte[] bytes) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
