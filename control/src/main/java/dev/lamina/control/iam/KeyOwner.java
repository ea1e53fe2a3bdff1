package dev.lamina.control.iam;

/** The user behind an access key, with the key's opened secret (for signature verification only). */
public record KeyOwner(String userName, String userArn, String secretAccessKey) {
    @Override
    public String toString() {
        return "KeyOwner[" + userArn + ", secret=****]";
    }
}
