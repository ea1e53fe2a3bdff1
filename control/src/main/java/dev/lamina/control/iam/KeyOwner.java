package dev.lamina.control.iam;

/**
 * The user behind an access key, with the key's opened secret (for signature verification only).
 *
 * @param userId the user's unique id ({@code AIDA…}), what AWS gives as a message's SenderId
 */
public record KeyOwner(String userName, String userArn, String userId, String secretAccessKey) {
    @Override
    public String toString() {
        return "KeyOwner[" + userArn + ", secret=****]";
    }
}
