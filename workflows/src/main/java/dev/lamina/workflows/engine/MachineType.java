package dev.lamina.workflows.engine;

/** STANDARD executions are durable and have a history; EXPRESS ones live in memory. */
public enum MachineType {
    STANDARD, EXPRESS
}
