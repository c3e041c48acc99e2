package io.constellation.server.http;

import static java.util.Objects.requireNonNull;

import io.constellation.Constellation;
import io.constellation.ProblemListException;
import io.constellation.impl.PipelineStoreImpl;
import io.constellation.lang.CompileError;
import io.constellation.lang.CompileResult;
import io.constellation.lang.ConstellationCompiler;
import io.constellation.pipeline.PipelineImage;

/**
 * {@link SourceCompiler} over constellation-lang. Stored compiles go through the engine's pipeline
 * store (so unchanged source is not recompiled); unstored ones use a throwaway in-memory store.
 *
 * <p>Thread-safety: safe for concurrent use.
 */
public final class LangSourceCompiler implements SourceCompiler {
  private final Constellation engine;
  private final ConstellationCompiler storing;

  public LangSourceCompiler(Constellation engine) {
    this.engine = requireNonNull(engine, "engine");
    this.storing = ConstellationCompiler.forEngine(engine);
  }

  @Override
  public PipelineImage compile(String source, String name, boolean store) {
    ConstellationCompiler compiler =
        store ? storing : ConstellationCompiler.of(engine.registry(), new PipelineStoreImpl());
    CompileResult result = compiler.compile(source, name);
    if (!result.succeeded()) {
      throw new ProblemListException(
          "pipeline '"
              + name
              + "' does not compile ("
              + result.errors().size()
              + " error"
              + (result.errors().size() == 1 ? "" : "s")
              + ")",
          result.errors().stream().map(CompileError::toString).toList());
    }
    return result.image().orElseThrow();
  }
}
