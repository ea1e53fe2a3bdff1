package dev.lamina.control.policy;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.lamina.control.policy.PolicyEngine.Decision.ALLOWED;
import static dev.lamina.control.policy.PolicyEngine.Decision.DENIED_BY_IDENTITY_POLICY;
import static dev.lamina.control.policy.PolicyEngine.Decision.DENIED_BY_RESOURCE_POLICY;
import static dev.lamina.control.policy.PolicyEngine.Decision.IMPLICITLY_DENIED;
import static org.assertj.core.api.Assertions.assertThat;

class PolicyEngineTest {
    static final String USER = "arn:aws:iam::000000000000:user/alice";
    static final String FN = "arn:aws:lambda:us-east-1:000000000000:function:";

    static PolicyDocument identity(String json) {
        return PolicyParser.parse(json, PolicyDocument.Kind.IDENTITY);
    }

    static PolicyDocument resource(String json) {
        return PolicyParser.parse(json, PolicyDocument.Kind.RESOURCE);
    }

    static PolicyEngine.Decision decide(String action, String resource, List<PolicyDocument> identity) {
        return PolicyEngine.evaluate(AccessRequest.of(action, resource, USER, Map.of()), identity, Optional.empty());
    }

    @Test
    void nothingAttachedIsAnImplicitDeny() {
        assertThat(decide("lambda:GetFunction", FN + "a", List.of())).isEqualTo(IMPLICITLY_DENIED);
    }

    @Test
    void actionWildcardsMatchCaseInsensitively() {
        var p = identity("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"lambda:Invoke*","Resource":"*"}}""");
        assertThat(decide("lambda:InvokeFunction", FN + "a", List.of(p))).isEqualTo(ALLOWED);
        assertThat(decide("Lambda:invokeasync", FN + "a", List.of(p))).isEqualTo(ALLOWED);
        assertThat(decide("lambda:GetFunction", FN + "a", List.of(p))).isEqualTo(IMPLICITLY_DENIED);
    }

    @Test
    void questionMarkMatchesExactlyOneCharacter() {
        var p = identity("""
                {"Statement":[{"Effect":"Allow","Action":"lambda:GetFunction","Resource":"%sf?"}]}""".formatted(FN));
        assertThat(decide("lambda:GetFunction", FN + "f1", List.of(p))).isEqualTo(ALLOWED);
        assertThat(decide("lambda:GetFunction", FN + "f12", List.of(p))).isEqualTo(IMPLICITLY_DENIED);
        assertThat(decide("lambda:GetFunction", FN + "f", List.of(p))).isEqualTo(IMPLICITLY_DENIED);
    }

    @Test
    void resourcesAreCaseSensitiveAndQualifiedArnsAreDistinct() {
        var p = identity("""
                {"Statement":[{"Effect":"Allow","Action":"lambda:*","Resource":["%sAbc"]}]}""".formatted(FN));
        assertThat(decide("lambda:GetFunction", FN + "Abc", List.of(p))).isEqualTo(ALLOWED);
        assertThat(decide("lambda:GetFunction", FN + "abc", List.of(p))).isEqualTo(IMPLICITLY_DENIED);
        assertThat(decide("lambda:GetFunction", FN + "Abc:prod", List.of(p))).isEqualTo(IMPLICITLY_DENIED);
    }

    @Test
    void explicitDenyWinsOverAllowInAnotherPolicy() {
        var allow = identity("""
                {"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""");
        var deny = identity("""
                {"Statement":[{"Effect":"Deny","Action":"lambda:DeleteFunction","Resource":"%s*"}]}""".formatted(FN));
        assertThat(decide("lambda:DeleteFunction", FN + "a", List.of(allow, deny))).isEqualTo(DENIED_BY_IDENTITY_POLICY);
        assertThat(decide("lambda:GetFunction", FN + "a", List.of(allow, deny))).isEqualTo(ALLOWED);
    }

    @Test
    void notActionAndNotResourceApplyToEverythingElse() {
        var p = identity("""
                {"Statement":[{"Effect":"Allow","NotAction":"lambda:Delete*","NotResource":"%ssecret"}]}""".formatted(FN));
        assertThat(decide("lambda:GetFunction", FN + "a", List.of(p))).isEqualTo(ALLOWED);
        assertThat(decide("lambda:DeleteFunction", FN + "a", List.of(p))).isEqualTo(IMPLICITLY_DENIED);
        assertThat(decide("lambda:GetFunction", FN + "secret", List.of(p))).isEqualTo(IMPLICITLY_DENIED);
    }

    @Test
    void resourcePolicyAllowsTheNamedPrincipalOnly() {
        var p = resource("""
                {"Version":"2012-10-17","Id":"default","Statement":[{"Sid":"s","Effect":"Allow",
                 "Principal":{"AWS":"%s"},"Action":"lambda:InvokeFunction","Resource":"%sa"}]}""".formatted(USER, FN));
        var alice = AccessRequest.of("lambda:InvokeFunction", FN + "a", USER, Map.of());
        var bob = AccessRequest.of("lambda:InvokeFunction", FN + "a", "arn:aws:iam::000000000000:user/bob", Map.of());
        assertThat(PolicyEngine.evaluate(alice, List.of(), Optional.of(p))).isEqualTo(ALLOWED);
        assertThat(PolicyEngine.evaluate(bob, List.of(), Optional.of(p))).isEqualTo(IMPLICITLY_DENIED);
    }

    @Test
    void aResourcePolicyNamingARoleAppliesToItsSessionsOnly() {
        String role = "arn:aws:iam::000000000000:role/worker";
        var p = resource("""
                {"Statement":[{"Effect":"Allow","Principal":{"AWS":"%s"},"Action":"lambda:InvokeFunction",
                 "Resource":"*"}]}""".formatted(role));
        var session = AccessRequest.ofSession("lambda:InvokeFunction", FN + "a",
                "arn:aws:sts::000000000000:assumed-role/worker/f", role, Map.of());
        var sameNameElsewhere = AccessRequest.ofSession("lambda:InvokeFunction", FN + "a",
                "arn:aws:sts::000000000000:assumed-role/worker/f", "arn:aws:iam::000000000000:role/x/worker", Map.of());
        var sessionArnAlone = AccessRequest.of("lambda:InvokeFunction", FN + "a",
                "arn:aws:sts::000000000000:assumed-role/worker/f", Map.of());
        assertThat(PolicyEngine.evaluate(session, List.of(), Optional.of(p))).isEqualTo(ALLOWED);
        assertThat(PolicyEngine.evaluate(sameNameElsewhere, List.of(), Optional.of(p))).isEqualTo(IMPLICITLY_DENIED);
        assertThat(PolicyEngine.evaluate(sessionArnAlone, List.of(), Optional.of(p))).isEqualTo(IMPLICITLY_DENIED);

        var deny = resource("""
                {"Statement":[{"Effect":"Deny","Principal":{"AWS":"%s"},"Action":"*","Resource":"*"}]}""".formatted(role));
        var allowAll = identity("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}");
        assertThat(PolicyEngine.evaluate(session, List.of(allowAll), Optional.of(deny)))
                .isEqualTo(DENIED_BY_RESOURCE_POLICY);
    }

    @Test
    void anAccountPrincipalDoesNotAllowTheAccountsUsers() {
        var p = resource("""
                {"Statement":[{"Effect":"Allow","Principal":{"AWS":"000000000000"},"Action":"*","Resource":"*"}]}""");
        var alice = AccessRequest.of("lambda:InvokeFunction", FN + "a", USER, Map.of());
        var root = AccessRequest.of("lambda:InvokeFunction", FN + "a", "arn:aws:iam::000000000000:root", Map.of());
        assertThat(PolicyEngine.evaluate(alice, List.of(), Optional.of(p))).isEqualTo(IMPLICITLY_DENIED);
        assertThat(PolicyEngine.evaluate(root, List.of(), Optional.of(p))).isEqualTo(ALLOWED);
    }

    @Test
    void resourcePolicyDenyWinsOverIdentityAllow() {
        var allow = identity("""
                {"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""");
        var deny = resource("""
                {"Statement":[{"Effect":"Deny","Principal":"*","Action":"lambda:InvokeFunction","Resource":"*"}]}""");
        var r = AccessRequest.of("lambda:InvokeFunction", FN + "a", USER, Map.of());
        assertThat(PolicyEngine.evaluate(r, List.of(allow), Optional.of(deny))).isEqualTo(DENIED_BY_RESOURCE_POLICY);
    }

    @Test
    void servicePrincipalsWithSourceConditions() {
        var p = resource("""
                {"Statement":[{"Sid":"s3","Effect":"Allow","Principal":{"Service":"s3.amazonaws.com"},
                 "Action":"lambda:InvokeFunction","Resource":"%sa",
                 "Condition":{"StringEquals":{"AWS:SourceAccount":"111122223333"},
                              "ArnLike":{"AWS:SourceArn":"arn:aws:s3:::bucket-*"}}}]}""".formatted(FN));
        assertThat(service("s3.amazonaws.com", Map.of("aws:SourceAccount", "111122223333",
                "aws:SourceArn", "arn:aws:s3:::bucket-1"), p)).isEqualTo(ALLOWED);
        assertThat(service("s3.amazonaws.com", Map.of("aws:SourceAccount", "111122223333",
                "aws:SourceArn", "arn:aws:s3:::other"), p)).isEqualTo(IMPLICITLY_DENIED);
        assertThat(service("s3.amazonaws.com", Map.of("aws:SourceArn", "arn:aws:s3:::bucket-1"), p))
                .as("a condition on a key the request lacks is false").isEqualTo(IMPLICITLY_DENIED);
        assertThat(service("sns.amazonaws.com", Map.of("aws:SourceAccount", "111122223333",
                "aws:SourceArn", "arn:aws:s3:::bucket-1"), p)).isEqualTo(IMPLICITLY_DENIED);
    }

    static PolicyEngine.Decision service(String service, Map<String, String> context, PolicyDocument p) {
        return PolicyEngine.evaluate(new AccessRequest("lambda:InvokeFunction", FN + "a", Optional.empty(),
                Optional.empty(), Optional.of(service), context), List.of(), Optional.of(p));
    }

    @Test
    void negatedAndIfExistsOperatorsOnMissingKeysAreTrue() {
        var p = identity("""
                {"Statement":[{"Effect":"Allow","Action":"*","Resource":"*",
                 "Condition":{"StringNotEquals":{"lambda:FunctionUrlAuthType":"NONE"},
                              "ArnLikeIfExists":{"aws:SourceArn":"arn:aws:s3:::*"}}}]}""");
        assertThat(decide("lambda:InvokeFunctionUrl", FN + "a", List.of(p))).isEqualTo(ALLOWED);
        var none = AccessRequest.of("lambda:InvokeFunctionUrl", FN + "a", USER, Map.of("Lambda:FunctionUrlAuthType", "NONE"));
        assertThat(PolicyEngine.evaluate(none, List.of(p), Optional.empty())).isEqualTo(IMPLICITLY_DENIED);
        var wrongSource = AccessRequest.of("lambda:InvokeFunctionUrl", FN + "a", USER,
                Map.of("aws:SourceArn", "arn:aws:sqs:us-east-1:000000000000:q"));
        assertThat(PolicyEngine.evaluate(wrongSource, List.of(p), Optional.empty())).isEqualTo(IMPLICITLY_DENIED);
    }

    @Test
    void conditionKeysAreCaseInsensitiveAndValuesAreAlternatives() {
        var p = identity("""
                {"Statement":[{"Effect":"Allow","Action":"*","Resource":"*",
                 "Condition":{"StringLike":{"AWS:SOURCEACCOUNT":["1111*","2222*"]}}}]}""");
        var r = AccessRequest.of("lambda:GetFunction", FN + "a", USER, Map.of("aws:SourceAccount", "222233334444"));
        assertThat(PolicyEngine.evaluate(r, List.of(p), Optional.empty())).isEqualTo(ALLOWED);
    }

    @Test
    void arnLikeKeepsWildcardsWithinOneArnPart() {
        assertThat(Wildcards.arnMatches("arn:aws:sqs:*:111122223333:*", "arn:aws:sqs:eu-west-1:111122223333:q"))
                .isTrue();
        assertThat(Wildcards.arnMatches("arn:aws:sqs:*:111122223333:*", "arn:aws:sqs:eu-west-1:999:111122223333:q"))
                .isFalse();
        assertThat(Wildcards.arnMatches("*", "arn:aws:s3:::b")).isTrue();
    }

    @Test
    void wildcardMatchingDoesNotBlowUpOnPathologicalPatterns() {
        String value = "a".repeat(5000) + "b";
        assertThat(Wildcards.matches("*a*a*a*a*a*a*a*a*a*a*c", value)).isFalse();
        assertThat(Wildcards.matches("*a*a*a*a*a*a*a*a*a*a*b", value)).isTrue();
    }
}
