package dev.lamina.server.logs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.logs.LogResourceException;
import dev.lamina.logs.LogStore;
import dev.lamina.model.AccountId;
import dev.lamina.model.Region;
import dev.lamina.server.auth.Authenticator;
import dev.lamina.server.http.JsonService;
import dev.lamina.server.http.JsonServiceException;

import java.time.InstantSource;
import java.util.List;
import java.util.function.Function;

/**
 * The CloudWatch Logs API ({@code X-Amz-Target: Logs_20140328.<Operation>}, signed for {@code logs}):
 * the operations Lamina implements, each with its body limit and the IAM resource it acts on, as AWS's
 * service authorization reference names it: {@code log-group:NAME:*} for the group actions (what the
 * standard Lambda execution policy and Terraform's {@code "${aws_cloudwatch_log_group.x.arn}:*"}
 * grant), {@code log-group:NAME:log-stream:STREAM} for the stream actions (GetLogEvents,
 * PutLogEvents, DeleteLogStream), {@code log-group:*} for DescribeLogGroups, and the {@code resourceArn}
 * as given (a group's bare ARN) for TagResource, UntagResource and ListTagsForResource.
 */
public final class LogsApi {
    public static final String TARGET_PREFIX = "Logs_20140328";
    public static final String SIGNING_NAME = "logs";
    /** PutLogEvents' 1 MiB batch, JSON-escaped (a control character becomes six bytes), with room. */
    static final long PUT_BODY_LIMIT = 8L << 20;
    static final long BODY_LIMIT = 256L << 10;

    private LogsApi() {
    }

    public static JsonService service(LogStore store, Region region, AccountId account, Authenticator authenticator,
                                      InstantSource clock) {
        Arns arns = new Arns(region, account);
        LogGroups groups = new LogGroups(store, arns);
        LogStreams streams = new LogStreams(store, arns);
        GetLogEvents get = new GetLogEvents(store, arns);
        FilterLogEvents filter = new FilterLogEvents(store, arns, FilterLogEvents.MAX_SCANNED_BYTES);
        PutLogEvents put = new PutLogEvents(store, clock);
        LogTags tags = new LogTags(store, arns);
        Function<ObjectNode, String> group = in -> arns.groupResource(arns.namedGroup(in).orElse("*"));
        Function<ObjectNode, String> stream = in -> arns.stream(arns.namedGroup(in).orElse("*"),
                in.path("logStreamName").asText("*"));
        Function<ObjectNode, String> arn = in -> in.path("resourceArn").asText("*");
        return new JsonService(TARGET_PREFIX, SIGNING_NAME, authenticator, List.of(
                op("DescribeLogGroups", in -> arns.anyGroup(), groups::describe),
                op("CreateLogGroup", group, groups::create),
                op("DeleteLogGroup", group, groups::delete),
                op("PutRetentionPolicy", group, groups::putRetention),
                op("DeleteRetentionPolicy", group, groups::deleteRetention),
                op("DescribeLogStreams", group, streams::describe),
                op("CreateLogStream", group, streams::create),
                op("DeleteLogStream", stream, streams::delete),
                op("GetLogEvents", stream, get::handle),
                op("FilterLogEvents", group, filter::handle),
                op("TagResource", arn, tags::tagResource),
                op("UntagResource", arn, tags::untagResource),
                op("ListTagsForResource", arn, tags::listTagsForResource),
                op("TagLogGroup", group, tags::tagLogGroup),
                op("UntagLogGroup", group, tags::untagLogGroup),
                op("ListTagsLogGroup", group, tags::listTagsLogGroup),
                new JsonService.Operation("PutLogEvents", PUT_BODY_LIMIT, stream, storeErrors(put::handle))));
    }

    private static JsonService.Operation op(String name, Function<ObjectNode, String> resource,
                                            JsonService.Handler handler) {
        return new JsonService.Operation(name, BODY_LIMIT, resource, storeErrors(handler));
    }

    /** The store's missing and existing groups and streams, as CloudWatch names those errors. */
    private static JsonService.Handler storeErrors(JsonService.Handler handler) {
        return in -> {
            try {
                return handler.handle(in);
            } catch (LogResourceException e) {
                throw new JsonServiceException(switch (e.kind()) {
                    case NOT_FOUND -> "ResourceNotFoundException";
                    case ALREADY_EXISTS -> "ResourceAlreadyExistsException";
                }, e.getMessage());
            }
        };
    }
}
