package dev.lamina.server.usage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.model.FunctionName;
import dev.lamina.model.LambdaException;
import dev.lamina.server.http.ApiRequest;
import dev.lamina.server.http.ApiResponse;
import dev.lamina.server.http.Json;
import dev.lamina.server.http.Route;
import dev.lamina.store.usage.UsageFigures;
import dev.lamina.store.usage.UsageLine;
import dev.lamina.usage.UsageReport;
import dev.lamina.usage.UsageReports;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The usage report over HTTP, for {@code lamina usage}: Lamina's own route, not an AWS operation,
 * signed like every other and authorized as the action {@code lamina:GetUsage}, on the ARN of the
 * function {@code function} names, else on {@code *} (the root may; a user or role only when a
 * policy allows it).
 *
 * <pre>
 * GET /lamina/usage?since=&lt;time&gt;[&amp;until=&lt;time&gt;][&amp;function=&lt;name&gt;]
 *   → {"from", "to", "usage": [{"functionName", "version", "memoryMb", "requests", "billedDurationMs",
 *      "gbSeconds", "initDurationMs"}], "totals": {"requests", "billedDurationMs", "gbSeconds", "initDurationMs"}}
 * </pre>
 *
 * A time is an ISO-8601 instant ({@code 2026-12-01T09:30:00Z}, or with an offset) or a date (its
 * midnight, UTC); {@code until} defaults to now. The report covers whole UTC hours, named by
 * {@code from} and {@code to}. GB-seconds are exact decimals, sent as strings (as AWS's Cost
 * Explorer sends amounts) so that no JSON reader rounds them to a double.
 */
public final class UsageRoute {
    public static final String PATH = "/lamina/usage";
    public static final String ACTION = "lamina:GetUsage";
    /** Times are short; a longer parameter is refused without being quoted back. */
    private static final int MAX_TIME_LENGTH = 64;

    private final UsageReports reports;
    private final Clock clock;

    private UsageRoute(UsageReports reports, Clock clock) {
        this.reports = reports;
        this.clock = clock;
    }

    public static Route route(UsageReports reports, Clock clock) {
        return new Route("GET", PATH, ACTION, 0, new UsageRoute(reports, clock)::report);
    }

    private ApiResponse report(ApiRequest request) {
        Instant since = time("since", request.queryParam("since").orElseThrow(() -> LambdaException.invalidParameter(
                "since is required: an ISO-8601 time such as 2026-12-01T09:30:00Z, or a date.")));
        Instant until = request.queryParam("until").map(t -> time("until", t)).orElseGet(clock::instant);
        Optional<FunctionName> function = request.queryParam("function").map(UsageRoute::function);
        UsageReport report = reports.report(since, until, function);

        ObjectNode o = Json.object().put("from", report.from().toString()).put("to", report.to().toString());
        var usage = o.putArray("usage");
        for (UsageLine line : report.lines()) {
            usage.add(figures(Json.object().put("functionName", line.function().value())
                    .put("version", line.version()).put("memoryMb", line.memoryMb()), line.figures()));
        }
        o.set("totals", figures(Json.object(), report.totals()));
        return ApiResponse.json(200, Json.bytes(o));
    }

    private static ObjectNode figures(ObjectNode o, UsageFigures f) {
        return o.put("requests", f.requests()).put("billedDurationMs", f.billedMs())
                .put("gbSeconds", f.gbSeconds().toPlainString()).put("initDurationMs", f.initMs());
    }

    static Instant time(String name, String text) {
        if (text.length() <= MAX_TIME_LENGTH) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException notAnInstant) {
                try {
                    return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
                } catch (DateTimeParseException notADate) {
                    // refused below
                }
            }
        }
        throw LambdaException.invalidParameter(name + " must be an ISO-8601 time such as 2026-12-01T09:30:00Z,"
                + " or a date such as 2026-12-01" + (text.length() <= MAX_TIME_LENGTH ? ": '" + text + "'." : "."));
    }

    private static FunctionName function(String name) {
        if (!FunctionName.isValid(name)) {
            throw LambdaException.invalidParameter("function must be a function name (1 to 64 letters, digits,"
                    + " hyphens and underscores).");
        }
        return new FunctionName(name);
    }
}
