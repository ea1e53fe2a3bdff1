package dev.lamina.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.server.auth.Authenticator;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * One service of AWS's query protocol (SQS now; IAM, STS, CloudFormation later): a form of
 * {@code Action=<Operation>&…} parameters, POSTed or in a GET's query string, answered in XML. The
 * route table entry of such a service: everything else (parameters to input, output to XML, errors)
 * comes from its model.
 *
 * @param signingName  its SigV4 signing name ({@code sqs}), which routes signed requests to it
 * @param iamPrefix    the prefix of its IAM actions ({@code sqs} for {@code sqs:SendMessage})
 * @param model        its model, with the query protocol's traits and {@code xmlNamespace}
 * @param operations   the model's operations it answers; others are InvalidAction
 * @param maxBodyBytes the largest request body accepted, encoded; larger ones are refused unread
 * @param resource     the IAM resource a call acts on, from the operation and its input; never throws
 * @param pathMember   a member that a request POSTed to a path other than {@code /} names by that path:
 *                     SQS's {@code QueueUrl}, as {@code <endpoint><path>}, when the form does not carry it
 */
public record QueryService(String signingName, String iamPrefix, Authenticator authenticator, ServiceModel model,
                           Set<String> operations, long maxBodyBytes, BiFunction<String, ObjectNode, String> resource,
                           ServiceCall.Handler handler, Optional<String> pathMember) {
    public QueryService {
        Objects.requireNonNull(signingName);
        Objects.requireNonNull(iamPrefix);
        Objects.requireNonNull(authenticator);
        Objects.requireNonNull(model);
        operations = Set.copyOf(operations);
        Objects.requireNonNull(resource);
        Objects.requireNonNull(handler);
        Objects.requireNonNull(pathMember);
    }

    Optional<String> xmlNamespace() {
        return model.metadata("xmlNamespace");
    }
}
