package dev.lamina.server.lambda;

import dev.lamina.control.FunctionUpdates;
import dev.lamina.model.Architecture;
import dev.lamina.model.FunctionName;
import dev.lamina.model.FunctionVersion;
import dev.lamina.model.LambdaException;
import dev.lamina.server.http.ApiRequest;
import dev.lamina.server.http.ApiResponse;
import dev.lamina.server.http.Operation;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** UpdateFunctionCode: {@code PUT /2015-03-31/functions/{FunctionName}/code}. */
record UpdateFunctionCode(LambdaApi api) implements Operation {
    static final long MAX_BODY = CreateFunction.MAX_BODY;


    @Override
    public ApiResponse handle(ApiRequest request) throws IOException {
        FunctionName name = api.unqualifiedFunction(request);
        try (PackageBody body = PackageBody.read(request.body(), api.code(), List.of("ZipFile"),
                "UpdateFunctionCode")) {
            Fields f = new Fields(body.fields());
            Violations v = new Violations();
            Optional<Architecture> architecture = ConfigParser.architectures(f, v);
            boolean publish = f.bool("Publish").orElse(false);
            boolean dryRun = f.bool("DryRun").orElse(false);
            Optional<String> revisionId = f.string("RevisionId");
            v.throwIfAny();
            CreateFunction.refuseOtherCodeSources(f);
            if (body.zip().isEmpty()) {
                throw LambdaException.invalidParameter("Please provide a source for function code.");
            }
            FunctionVersion updated = api.control().updates().updateCode(new FunctionUpdates.Code(
                    name, body.zip().get(), architecture, publish, dryRun, revisionId));
            return LambdaApi.ok(api.configuration(updated));
        }
    }
}
