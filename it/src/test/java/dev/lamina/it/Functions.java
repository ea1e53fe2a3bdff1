package dev.lamina.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;
import software.amazon.awssdk.services.lambda.model.FunctionCode;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Consumer;

/** Deploying and invoking test functions. */
final class Functions {
    static final ObjectMapper JSON = new ObjectMapper();

    private Functions() {
    }

    static void create(LambdaClient lambda, String name, String runtime, String handler, byte[] zip,
                       Consumer<CreateFunctionRequest.Builder> more) {
        lambda.createFunction(b -> {
            b.functionName(name).runtime(runtime).handler(handler).role(TestServer.ROLE)
                    .code(FunctionCode.builder().zipFile(SdkBytes.fromByteArray(zip)).build());
            more.accept(b);
        });
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName(name));
    }

    /** Invokes with the log tail. */
    static Invocation invoke(LambdaClient lambda, String function, String payload) {
        InvokeResponse r = lambda.invoke(b -> b.functionName(function).logType(LogType.TAIL)
                .payload(SdkBytes.fromUtf8String(payload)));
        return new Invocation(r);
    }

    /** An Invoke answer, with its payload parsed and its log tail decoded. */
    record Invocation(InvokeResponse response) {
        JsonNode json() {
            try {
                return JSON.readTree(response.payload().asUtf8String());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String payload() {
            return response.payload().asUtf8String();
        }

        String log() {
            return response.logResult() == null ? ""
                    : new String(Base64.getDecoder().decode(response.logResult()), StandardCharsets.UTF_8);
        }

        String functionError() {
            return response.functionError();
        }

        String requestId() {
            return response.responseMetadata().requestId();
        }
    }
}
