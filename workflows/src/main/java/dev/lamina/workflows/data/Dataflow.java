package dev.lamina.workflows.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.workflows.asl.StateNode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How data moves through a state, in one query language ({@link Dataflows#of}): everything the
 * interpreter does with a state's fields other than deciding what happens next. The JSONPath one
 * applies InputPath, Parameters (with intrinsic functions), ResultSelector, ResultPath, OutputPath
 * and Assign; the JSONata one Arguments, Items, ItemSelector, Output, Assign and the {@code {% %}}
 * expressions, with {@code $states} bound.
 *
 * <p>Every method is pure apart from the context's clock-free values: no I/O, no waiting. A failure of
 * the state's own data (a path that matches nothing, an intrinsic with wrong arguments, a JSONata error)
 * is a {@link StatesError} with AWS's name and cause text ({@code States.Runtime},
 * {@code States.QueryEvaluationError}, {@code States.ResultPathMatchFailure}, …); the engine then
 * applies the state's Catch as AWS does (States.Runtime is not retried; see AWS's docs).
 *
 * <p>In every method {@code input} is the state's raw input (what it was entered with); the Dataflow
 * applies its own selection (JSONPath: InputPath) itself, so {@link #item}, {@link #taskLimits} and
 * {@link #mapLimits} get the same raw input as {@link #items} and {@link #effectiveInput}.
 *
 * <p>Order of calls the engine makes, per state type:
 * <ul>
 * <li>Pass: {@link #pass}.</li>
 * <li>Task: {@link #effectiveInput} (what the resource gets), {@link #taskLimits}, the call, then
 *     {@link #output} with the resource's result.</li>
 * <li>Parallel: {@link #effectiveInput} (each branch's input), the branches, {@link #output} with the array of results.</li>
 * <li>Map: {@link #items}, for each {@link #item} (an iteration's input), {@link #mapLimits}, the
 *     iterations, {@link #output} with the array of results.</li>
 * <li>Choice: {@link #choose}. Wait: {@link #waitUntil}, then the wait. Succeed: {@link #passThrough}.
 *     Fail: {@link #failure}.</li>
 * <li>A caught error (any state with Catch): {@link #caught} with the matching catcher.</li>
 * </ul>
 */
public interface Dataflow {

    /** A Pass state's whole effect: its output (Result or the effective input, through ResultPath and OutputPath; JSONata: Output) and Assign. */
    Outcome pass(StateNode state, JsonNode input, Scope scope) throws StatesError;

    /** What a Task's resource, or each Parallel branch, gets: InputPath then Parameters; JSONata: Arguments (else the input). */
    JsonNode effectiveInput(StateNode state, JsonNode input, Scope scope) throws StatesError;

    /**
     * A Task's, Parallel's or Map's output once its work gave {@code result}: ResultSelector,
     * ResultPath (applied to {@code input}, the state's raw input), OutputPath, Assign; JSONata: Output
     * and Assign with {@code $states.result}.
     */
    Outcome output(StateNode state, JsonNode input, JsonNode result, Scope scope) throws StatesError;

    /**
     * The output when {@code catcher} (one element of the state's Catch) caught an error whose
     * {@code {"Error": …, "Cause": …}} is {@code errorOutput}: the catcher's ResultPath applied to
     * {@code input} (JSONPath; default: the error output replaces the input), or its Output with
     * {@code $states.errorOutput} (JSONata); and its Assign.
     */
    Outcome caught(StateNode state, ObjectNode catcher, JsonNode input, ObjectNode errorOutput, Scope scope)
            throws StatesError;

    /** A Choice state's decision: the first matching rule's Next (else Default), its Assign, and its output (OutputPath; JSONata: Output). */
    Choice choose(StateNode state, JsonNode input, Scope scope) throws StatesError;

    /** A Wait state's deadline (Seconds, SecondsPath, Timestamp, TimestampPath; JSONata expressions) from {@code now}, and its outcome. */
    Waiting waitUntil(StateNode state, JsonNode input, Scope scope, Instant now) throws StatesError;

    /** A Succeed state's output (InputPath and OutputPath; JSONata: Output). */
    Outcome passThrough(StateNode state, JsonNode input, Scope scope) throws StatesError;

    /** A Fail state's error and cause (Error/ErrorPath, Cause/CausePath; JSONata expressions), either possibly absent. */
    Failure failure(StateNode state, JsonNode input, Scope scope) throws StatesError;

    /** A Map state's items: InputPath then ItemsPath (JSONata: Items); must be an array, else AWS's States.Runtime. */
    List<JsonNode> items(StateNode state, JsonNode input, Scope scope) throws StatesError;

    /** One iteration's input: ItemSelector (or Parameters) with {@code $$.Map.Item.Index/Value}; else the item itself. */
    JsonNode item(StateNode state, JsonNode input, JsonNode value, int index, Scope scope) throws StatesError;

    /** A Task's TimeoutSeconds/TimeoutSecondsPath and HeartbeatSeconds/HeartbeatSecondsPath (JSONata: expressions). */
    TaskLimits taskLimits(StateNode state, JsonNode input, Scope scope) throws StatesError;

    /** A Map's MaxConcurrency(Path), ToleratedFailureCount(Path), ToleratedFailurePercentage(Path). */
    MapLimits mapLimits(StateNode state, JsonNode input, Scope scope) throws StatesError;

    /**
     * Any other field of the state, written in its language, as its value for this input (a
     * distributed Map's ItemReader Arguments and ReaderConfig.MaxItems, its ItemBatcher's
     * MaxItemsPerBatch, MaxInputBytesPerBatch and BatchInput). JSONata evaluates the
     * {@code {% %}} expressions in it ({@code name} names it in causes, e.g. {@code ItemReader/Arguments});
     * the default returns {@code value} as written.
     */
    default JsonNode field(StateNode state, JsonNode value, String name, JsonNode input, Scope scope)
            throws StatesError {
        return value;
    }

    /** @param next empty when no rule matched and there is no Default (the engine raises States.NoChoiceMatched) */
    record Choice(Optional<String> next, Outcome outcome) {
    }

    record Waiting(Instant until, Outcome outcome) {
    }

    record Failure(Optional<String> error, Optional<String> cause) {
    }

    /** Absent values: AWS's defaults (a Task's 99999999 s timeout; no heartbeat). */
    record TaskLimits(Optional<Duration> timeout, Optional<Duration> heartbeat) {
    }

    /** @param maxConcurrency 0 = unlimited, as AWS */
    record MapLimits(int maxConcurrency, OptionalInt toleratedFailureCount, Optional<Double> toleratedFailurePercentage) {
    }
}
