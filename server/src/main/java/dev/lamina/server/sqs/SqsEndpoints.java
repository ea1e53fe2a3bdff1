package dev.lamina.server.sqs;

import dev.lamina.server.auth.Authenticator;
import dev.lamina.server.http.JsonService;
import dev.lamina.server.http.QueryService;
import dev.lamina.server.http.ServiceCall;
import dev.lamina.server.http.ServiceModel;
import dev.lamina.sqs.api.SqsApi;
import dev.lamina.sqs.api.SqsCall;

import java.util.Optional;

/**
 * SQS's entries in the edge's route tables: the same {@link SqsApi} served under the JSON 1.0
 * protocol ({@code X-Amz-Target: AmazonSQS.<Operation>}, what current SDKs and the CLI speak) and the
 * query protocol ({@code Action=<Operation>}, what older SDKs speak), both signed for {@code sqs} and
 * authorized as {@code sqs:<Operation>} on the queue's ARN. Everything about shapes comes from the
 * sqs module's model and its query overlay; this class only binds them.
 */
public final class SqsEndpoints {
    public static final String SIGNING_NAME = "sqs";
    static final String MODEL = "dev/lamina/sqs/api/service-2.json";
    static final String QUERY_OVERLAY = "dev/lamina/sqs/api/service-2.query.json";
    /**
     * A 1 MiB message (or batch) JSON-escaped: SQS's allowed characters escape to at most two bytes
     * ({@code \"}, {@code \n}), but a client may escape everything as {@code \}{@code uXXXX}; with room
     * for attributes.
     */
    static final long JSON_BODY_LIMIT = 8L << 20;
    /** A 1 MiB message percent-encoded (three bytes for each byte at worst), with room for the rest. */
    static final long QUERY_BODY_LIMIT = 4L << 20;

    private SqsEndpoints() {
    }

    public static ServiceModel model() {
        return ServiceModel.load(SqsApi.class.getClassLoader(), MODEL, Optional.of(QUERY_OVERLAY));
    }

    public static JsonService json(SqsApi api, ServiceModel model, Authenticator authenticator) {
        return JsonService.of(model, api.operations(), SIGNING_NAME, authenticator, JSON_BODY_LIMIT, api::resource,
                handler(api), Optional.of("com.amazonaws.sqs"));
    }

    public static QueryService query(SqsApi api, ServiceModel model, Authenticator authenticator) {
        return new QueryService(SIGNING_NAME, SIGNING_NAME, authenticator, model, api.operations(), QUERY_BODY_LIMIT,
                api::resource, handler(api), Optional.of("QueueUrl"));
    }

    private static ServiceCall.Handler handler(SqsApi api) {
        return call -> api.handle(new SqsCall(call.operation(), call.input(), call.endpoint(),
                call.caller().principalId()));
    }
}
