package dev.lamina.control;

import dev.lamina.model.FunctionRecord;
import dev.lamina.model.FunctionVersion;
import dev.lamina.model.Qualifier;

import java.util.Optional;

/**
 * What GetFunction reports: the function, the version a qualifier designated, and the qualifier as
 * the caller gave it (an alias keeps its name in the ARN while the version says which version it is).
 */
public record FunctionDetails(FunctionRecord function, FunctionVersion version, Optional<Qualifier> askedFor) {
}
