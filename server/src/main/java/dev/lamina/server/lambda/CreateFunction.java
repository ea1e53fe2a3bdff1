package dev.lamina.server.lambda;

import dev.lamina.control.ConfigPatch;
import dev.lamina.control.Functions;
import dev.lamina.model.FunctionRef;
import dev.lamina.model.FunctionVersion;
import dev.lamina.model.LambdaException;
import dev.lamina.server.http.ApiRequest;
import dev.lamina.server.http.ApiResponse;
import dev.lamina.server.http.Operation;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** CreateFunction: {@code POST /2015-03-31/functions}, 201 with the new function's configuration. */
record CreateFunction(LambdaApi api) implements Operation {
    /** AWS's limit on a CreateFunction request: a 50 MB package, base64-encoded, plus the rest. */
    static final long MAX_BODY = 70_167_211;
    static final String FUNCTION_NAME_PATTERN = "(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?"
            + "(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?";


    @Override
    public ApiResponse handle(ApiRequest request) throws IOException {
        try (PackageBody body = PackageBody.read(request.body(), api.code(), List.of("Code", "ZipFile"),
                "CreateFunction")) {
            Fields f = new Fields(body.fields());
            Violations v = new Violations();
            Optional<String> name = f.string("FunctionName");
            v.required("functionName", name.orElse(null));
            name.ifPresent(n -> {
                v.length("functionName", n, 1, 140);
                v.pattern("functionName", n, FUNCTION_NAME_PATTERN);
            });
            v.required("role", f.string("Role").orElse(null));
            Optional<Fields> code = f.object("Code");
            v.required("code", code.orElse(null));
            ConfigPatch config = ConfigParser.parse(f, v);
            Map<String, String> tags = f.stringMap("Tags").orElse(Map.of());
            boolean publish = f.bool("Publish").orElse(false);
            v.throwIfAny();

            FunctionRef ref = FunctionRef.parse(name.get(), api.region(), api.account());
            if (ref.qualifier().isPresent()) {
                throw LambdaException.invalidParameter("Unsupported: a qualifier cannot be given to CreateFunction.");
            }
            refuseOtherCodeSources(code.get());
            if (body.zip().isEmpty()) {
                throw LambdaException.invalidParameter("Please provide a source for function code.");
            }
            FunctionVersion created = api.control().functions().create(
                    new Functions.Create(ref.name(), config, body.zip().get(), tags, publish));
            return LambdaApi.created(api.configuration(created));
        }
    }

    /** Code from S3 or a container image cannot be fetched by Lamina: say so plainly. */
    static void refuseOtherCodeSources(Fields code) {
        if (code.has("S3Bucket") || code.has("S3Key") || code.has("S3ObjectVersion")) {
            throw LambdaException.invalidParameter("Lamina has no Amazon S3 to read code from: "
                    + "send the package inline as ZipFile (for example aws lambda create-function --zip-file fileb://function.zip).");
        }
        if (code.has("ImageUri")) {
            throw LambdaException.invalidParameter(
                    "Lamina runs functions from .zip deployment packages only; container images are not supported.");
        }
    }
}
