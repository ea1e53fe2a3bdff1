package dev.lamina.control.policy;

import org.junit.jupiter.api.Test;

import static dev.lamina.control.policy.PolicyDocument.Kind.IDENTITY;
import static dev.lamina.control.policy.PolicyDocument.Kind.RESOURCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyParserTest {

    static void malformed(String json, PolicyDocument.Kind kind, String message) {
        assertThatThrownBy(() -> PolicyParser.parse(json, kind))
                .isInstanceOf(MalformedPolicyException.class).hasMessageContaining(message);
    }

    @Test
    void acceptsASingleStatementObjectAndAList() {
        assertThat(PolicyParser.parse("""
                {"Version":"2012-10-17","Statement":{"Sid":"A1","Effect":"Allow","Action":["lambda:Get*","lambda:List*"],"Resource":"*"}}""",
                IDENTITY).statements()).hasSize(1);
        assertThat(PolicyParser.parse("""
                {"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"*","Resource":"*"}]}""",
                IDENTITY).statements()).hasSize(2);
    }

    @Test
    void refusesWhatIsNotAPolicy() {
        malformed("not json", IDENTITY, "Syntax errors in policy");
        malformed("[]", IDENTITY, "Syntax errors in policy");
        malformed("{\"Version\":\"2012-10-17\"}", IDENTITY, "Missing required field Statement");
        malformed("{\"Version\":\"2020-01-01\",\"Statement\":[]}", IDENTITY, "valid version string");
        malformed("{\"Statement\":[],\"Extra\":1}", IDENTITY, "unknown field Extra");
        malformed("{\"Statement\":{\"Effect\":\"Allow\",\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\"}}",
                IDENTITY, "Syntax errors in policy");
    }

    @Test
    void refusesBadStatements() {
        malformed("{\"Statement\":{\"Action\":\"*\",\"Resource\":\"*\"}}", IDENTITY, "Missing required field Effect");
        malformed("{\"Statement\":{\"Effect\":\"Maybe\",\"Action\":\"*\",\"Resource\":\"*\"}}", IDENTITY, "Invalid effect");
        malformed("{\"Statement\":{\"Effect\":\"Allow\",\"Resource\":\"*\"}}", IDENTITY, "Missing required field Action");
        malformed("{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"NotAction\":\"x:y\",\"Resource\":\"*\"}}",
                IDENTITY, "both Action and NotAction");
        malformed("{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"GetFunction\",\"Resource\":\"*\"}}",
                IDENTITY, "prefaced by a vendor");
        malformed("{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"my-function\"}}",
                IDENTITY, "must be in ARN format");
        malformed("{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"NumericMaybe\":{\"a:b\":\"1\"}}}}",
                IDENTITY, "Invalid Condition type");
        malformed("{\"Statement\":[{\"Sid\":\"a\",\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"},"
                + "{\"Sid\":\"a\",\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}", IDENTITY, "must be unique");
    }

    @Test
    void principalsBelongOnlyInResourcePolicies() {
        malformed("{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"}}",
                IDENTITY, "should not specify a principal");
        malformed("{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}}",
                RESOURCE, "Missing required field Principal");
        malformed("{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"Nobody\":\"x\"},\"Action\":\"*\",\"Resource\":\"*\"}}",
                RESOURCE, "Invalid principal");
        assertThat(PolicyParser.parse("{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"s3.amazonaws.com\"},"
                + "\"Action\":\"lambda:InvokeFunction\",\"Resource\":\"*\"}}", RESOURCE).statements()).hasSize(1);
    }
}
