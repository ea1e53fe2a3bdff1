package dev.lamina.server.http;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RouterTest {
    static Route route(String method, String template, String name) {
        return new Route(method, template, name, 0, request -> ApiResponse.empty(200));
    }

    final Router router = new Router(List.of(
            route("GET", "/2015-03-31/functions/", "ListFunctions"),
            route("GET", "/2015-03-31/functions/{FunctionName}", "GetFunction"),
            route("DELETE", "/2015-03-31/functions/{FunctionName}", "DeleteFunction"),
            route("GET", "/2018-10-31/layers", "ListLayers"),
            route("GET", "/2018-10-31/layers?find=LayerVersion", "GetLayerVersionByArn")));

    static String matched(Router.Result result) {
        return result instanceof Router.Matched m ? m.route().name() : result.getClass().getSimpleName();
    }

    @Test
    void aPlaceholderTakesOneDecodedSegmentSoAnEncodedArnFits() {
        var result = router.route("GET",
                "/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A000000000000%3Afunction%3Af", Map.of());
        assertThat(result).isInstanceOfSatisfying(Router.Matched.class, m -> assertThat(m.pathParams())
                .containsEntry("FunctionName", "arn:aws:lambda:us-east-1:000000000000:function:f"));
    }

    @Test
    void aTrailingSlashIsIgnoredOnEitherSide() {
        assertThat(matched(router.route("GET", "/2015-03-31/functions", Map.of()))).isEqualTo("ListFunctions");
        assertThat(matched(router.route("GET", "/2015-03-31/functions/", Map.of()))).isEqualTo("ListFunctions");
        assertThat(matched(router.route("GET", "/2015-03-31/functions/f/", Map.of()))).isEqualTo("GetFunction");
    }

    @Test
    void aKnownPathWithAnotherMethodIsToldApartFromAnUnknownPath() {
        assertThat(router.route("PUT", "/2015-03-31/functions/f", Map.of())).isInstanceOf(Router.WrongMethod.class);
        assertThat(router.route("GET", "/2015-03-31/nothing", Map.of())).isInstanceOf(Router.NoRoute.class);
        assertThat(router.route("GET", "/2015-03-31/functions/f/extra/deep", Map.of()))
                .isInstanceOf(Router.NoRoute.class);
    }

    @Test
    void aRequiredQueryParameterSelectsBetweenOperationsOnOnePath() {
        assertThat(matched(router.route("GET", "/2018-10-31/layers", Map.of()))).isEqualTo("ListLayers");
        assertThat(matched(router.route("GET", "/2018-10-31/layers", Map.of("find", List.of("LayerVersion")))))
                .isEqualTo("GetLayerVersionByArn");
        assertThat(matched(router.route("GET", "/2018-10-31/layers", Map.of("find", List.of("other")))))
                .isEqualTo("ListLayers");
    }

    @Test
    void anUndecodableSegmentMatchesNothing() {
        assertThat(router.route("GET", "/2015-03-31/functions/%zz", Map.of())).isInstanceOf(Router.NoRoute.class);
    }
}
