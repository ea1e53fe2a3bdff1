package dev.lamina.control.iam;

import java.time.Instant;

/** A freshly created access key: the only time its secret leaves the server. */
public record NewAccessKey(String userName, String accessKeyId, String secretAccessKey, Instant createdAt) {
    @Override
    public String toString() {
        return "NewAccessKey[" + accessKeyId + ", user=" + userName + ", secret=****]";
    }
}
