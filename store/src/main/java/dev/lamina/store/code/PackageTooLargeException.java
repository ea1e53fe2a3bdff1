package dev.lamina.store.code;

/**
 * A deployment package grew past the zipped-size limit while it was being received. The caller
 * maps it to the AWS error of its operation; staging stops reading at once, so nothing above the
 * limit is ever written.
 */
public final class PackageTooLargeException extends RuntimeException {
    private final long limit;

    PackageTooLargeException(long limit) {
        super("deployment package larger than " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
