package dev.lamina.model;

/**
 * The wire identity of every error Lamina answers with: AWS's error code (sent as
 * {@code x-amzn-ErrorType}), the HTTP status, who is at fault, and the casing of the message
 * member, all as botocore's Lambda model declares them. Codes that AWS sends but the model does
 * not declare (ValidationException, RequestEntityTooLargeException, the authentication errors)
 * are listed with the status AWS answers them with.
 */
public enum ErrorCode {
    // --- declared in the Lambda model (lambda-2015-03-31/service-2.json) ---
    CODE_SIGNING_CONFIG_NOT_FOUND("CodeSigningConfigNotFoundException", 404, Fault.CALLER, "Message"),
    CODE_STORAGE_EXCEEDED("CodeStorageExceededException", 400, Fault.CALLER, "message"),
    CODE_VERIFICATION_FAILED("CodeVerificationFailedException", 400, Fault.CALLER, "Message"),
    EC2_ACCESS_DENIED("EC2AccessDeniedException", 502, Fault.SERVICE, "Message"),
    EFS_MOUNT_FAILURE("EFSMountFailureException", 403, Fault.CALLER, "Message"),
    INVALID_CODE_SIGNATURE("InvalidCodeSignatureException", 400, Fault.CALLER, "Message"),
    INVALID_PARAMETER_VALUE("InvalidParameterValueException", 400, Fault.CALLER, "message"),
    INVALID_REQUEST_CONTENT("InvalidRequestContentException", 400, Fault.CALLER, "message"),
    INVALID_RUNTIME("InvalidRuntimeException", 502, Fault.SERVICE, "Message"),
    INVALID_ZIP_FILE("InvalidZipFileException", 502, Fault.SERVICE, "Message"),
    KMS_ACCESS_DENIED("KMSAccessDeniedException", 502, Fault.SERVICE, "Message"),
    NO_PUBLISHED_VERSION("NoPublishedVersionException", 400, Fault.CALLER, "Message"),
    POLICY_LENGTH_EXCEEDED("PolicyLengthExceededException", 400, Fault.CALLER, "message"),
    PRECONDITION_FAILED("PreconditionFailedException", 412, Fault.CALLER, "message"),
    PROVISIONED_CONCURRENCY_CONFIG_NOT_FOUND("ProvisionedConcurrencyConfigNotFoundException", 404, Fault.CALLER, "message"),
    RECURSIVE_INVOCATION("RecursiveInvocationException", 400, Fault.CALLER, "Message"),
    REQUEST_TOO_LARGE("RequestTooLargeException", 413, Fault.CALLER, "message"),
    RESOURCE_CONFLICT("ResourceConflictException", 409, Fault.CALLER, "message"),
    RESOURCE_IN_USE("ResourceInUseException", 400, Fault.CALLER, "Message"),
    RESOURCE_NOT_FOUND("ResourceNotFoundException", 404, Fault.CALLER, "Message"),
    RESOURCE_NOT_READY("ResourceNotReadyException", 502, Fault.SERVICE, "message"),
    SERVICE("ServiceException", 500, Fault.SERVICE, "Message"),
    TOO_MANY_REQUESTS("TooManyRequestsException", 429, Fault.CALLER, "message"),
    UNSUPPORTED_MEDIA_TYPE("UnsupportedMediaTypeException", 415, Fault.CALLER, "message"),

    // --- sent by AWS's front end, not declared in the model ---
    /** A request that violates the model's constraints (pattern, length, range, enum). */
    VALIDATION("ValidationException", 400, Fault.CALLER, "message"),
    /** A request body above the operation's size limit, refused before it is parsed. */
    REQUEST_ENTITY_TOO_LARGE("RequestEntityTooLargeException", 413, Fault.CALLER, "message"),
    /** A body that is not the JSON document the operation expects. */
    SERIALIZATION("SerializationException", 400, Fault.CALLER, "message"),
    /** An operation of the model that Lamina does not implement (yet, or ever: see docs/COMPATIBILITY.md). */
    NOT_IMPLEMENTED("NotImplementedException", 501, Fault.SERVICE, "message"),
    /** A path or method that names no operation. */
    UNKNOWN_OPERATION("UnknownOperationException", 404, Fault.CALLER, "message"),
    MISSING_AUTHENTICATION_TOKEN("MissingAuthenticationTokenException", 403, Fault.CALLER, "message"),
    UNRECOGNIZED_CLIENT("UnrecognizedClientException", 403, Fault.CALLER, "message"),
    INVALID_SIGNATURE("InvalidSignatureException", 403, Fault.CALLER, "message"),
    /** A SigV4 signature that lacks one of its parts (Credential, SignedHeaders, Signature, the date). */
    INCOMPLETE_SIGNATURE("IncompleteSignatureException", 400, Fault.CALLER, "message"),
    /** Temporary credentials used after they expired. */
    EXPIRED_TOKEN("ExpiredTokenException", 403, Fault.CALLER, "message"),
    ACCESS_DENIED("AccessDeniedException", 403, Fault.CALLER, "Message"),

    // --- IAM's errors, for Lamina's identity administration (/lamina/admin/...) ---
    NO_SUCH_ENTITY("NoSuchEntity", 404, Fault.CALLER, "message"),
    ENTITY_ALREADY_EXISTS("EntityAlreadyExists", 409, Fault.CALLER, "message"),
    LIMIT_EXCEEDED("LimitExceeded", 409, Fault.CALLER, "message"),
    MALFORMED_POLICY_DOCUMENT("MalformedPolicyDocument", 400, Fault.CALLER, "message");

    /** Who caused the error; Lambda's error bodies say {@code "Type": "User"} or {@code "Service"}. */
    public enum Fault {
        CALLER("User"),
        SERVICE("Service");

        private final String wireType;

        Fault(String wireType) {
            this.wireType = wireType;
        }

        /** The value of the {@code Type} member of an error body. */
        public String wireType() {
            return wireType;
        }
    }

    private final String code;
    private final int httpStatus;
    private final Fault fault;
    private final String messageMember;

    ErrorCode(String code, int httpStatus, Fault fault, String messageMember) {
        this.code = code;
        this.httpStatus = httpStatus;
        this.fault = fault;
        this.messageMember = messageMember;
    }

    /** AWS's name of the error, as sent in {@code x-amzn-ErrorType}. */
    public String code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public Fault fault() {
        return fault;
    }

    /** The member that carries the message: the model spells it {@code message} or {@code Message}. */
    public String messageMember() {
        return messageMember;
    }
}
