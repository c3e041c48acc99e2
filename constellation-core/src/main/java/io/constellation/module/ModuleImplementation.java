package io.constellation.module;

import io.constellation.type.CValue;
import java.util.Map;

/**
 * The body of a module. Called on a virtual thread, so blocking I/O is fine. It must return a value
 * for every declared output. Throwing fails the call (options such as retry and fallback then
 * apply). An interrupt means the call timed out or the run was cancelled: stop promptly.
 */
@FunctionalInterface
public interface ModuleImplementation {
  Map<String, CValue> apply(ModuleInputs inputs) throws Exception;
}
