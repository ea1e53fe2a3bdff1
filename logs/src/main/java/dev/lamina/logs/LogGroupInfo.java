package dev.lamina.logs;

/** A log group as DescribeLogGroups shows it: its metadata and the bytes its events take on disk. */
public record LogGroupInfo(GroupMeta meta, long storedBytes) {
}
