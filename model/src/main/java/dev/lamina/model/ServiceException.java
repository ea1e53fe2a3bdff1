package dev.lamina.model;

import java.util.Objects;
import java.util.Optional;

/**
 * An error of a hosted service other than Lambda's REST API (SQS, later EventBridge, Step Functions,
 * …), thrown below the edge with its AWS identity; the server's codec of the protocol the request
 * came in renders it (a JSON {@code __type}, a query-protocol {@code <ErrorResponse>}).
 *
 * @param code       the error shape's name in the service model ({@code QueueDoesNotExist})
 * @param queryCode  for services whose model is {@code awsQueryCompatible} (SQS): the code the query
 *                   protocol uses ({@code AWS.SimpleQueueService.NonExistentQueue}), also sent by the
 *                   JSON protocol in {@code x-amzn-query-error}; empty when it is {@code code}
 * @param status     the HTTP status (400 for nearly every client error)
 * @param senderFault whether the caller is at fault (query protocol's {@code <Type>Sender</Type>})
 */
public final class ServiceException extends RuntimeException {
    private final String code;
    private final Optional<String> queryCode;
    private final int status;
    private final boolean senderFault;

    public ServiceException(String code, Optional<String> queryCode, int status, boolean senderFault, String message) {
        super(message);
        this.code = Objects.requireNonNull(code);
        this.queryCode = Objects.requireNonNull(queryCode);
        this.status = status;
        this.senderFault = senderFault;
    }

    /** A client error (400, sender's fault) with the same code in every protocol. */
    public static ServiceException client(String code, String message) {
        return new ServiceException(code, Optional.empty(), 400, true, message);
    }

    public String code() {
        return code;
    }

    /** The code the query protocol uses: {@link #queryCode} when given, else {@link #code}. */
    public String queryCodeOrCode() {
        return queryCode.orElse(code);
    }

    public Optional<String> queryCode() {
        return queryCode;
    }

    public int status() {
        return status;
    }

    public boolean senderFault() {
        return senderFault;
    }
}
