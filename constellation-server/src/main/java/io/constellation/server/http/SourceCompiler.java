package io.constellation.server.http;

import io.constellation.pipeline.PipelineImage;

/**
 * Compiles constellation-lang source for the server ({@code POST /compile}, {@code POST /run},
 * {@code --pipelines}). The production implementation wraps {@code ConstellationCompiler}.
 *
 * <p>Thread-safety: must be safe for concurrent use.
 */
@FunctionalInterface
public interface SourceCompiler {
  /**
   * Compiles {@code source} as pipeline {@code name}. With {@code store}, the image is stored in
   * the engine's pipeline store and aliased as {@code name}; without, nothing is stored.
   *
   * @throws io.constellation.ProblemListException listing every error as {@code line:col: message}
   *     (answered as 400 with those lines in {@code details})
   */
  PipelineImage compile(String source, String name, boolean store);
}
