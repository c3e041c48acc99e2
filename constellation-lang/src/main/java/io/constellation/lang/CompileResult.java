package io.constellation.lang;

import static java.util.Objects.requireNonNull;

import io.constellation.pipeline.PipelineImage;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The outcome of a compile: an image, or every error of the source.
 *
 * @param name the name the source was compiled under (also the alias of the image)
 * @param image the compiled image when there was no error
 * @param errors every error, in source order; empty on success
 * @param cached whether the image came from the compile cache (the source was not parsed)
 */
public record CompileResult(
    String name, Optional<PipelineImage> image, List<CompileError> errors, boolean cached) {
  public CompileResult {
    requireNonNull(name, "name");
    requireNonNull(image, "image");
    errors = List.copyOf(errors);
    if (image.isPresent() == !errors.isEmpty()) {
      throw new IllegalArgumentException("a result has either an image or errors");
    }
  }

  /** Whether the source compiled. */
  public boolean succeeded() {
    return image.isPresent();
  }

  /** The image. @throws CompilationException with every error when the compile failed */
  public PipelineImage orThrow() {
    return image.orElseThrow(() -> new CompilationException(name, errors));
  }

  /** Every error formatted ({@link CompileError#format()}), separated by newlines. */
  public String formatErrors() {
    return errors.stream().map(CompileError::format).collect(Collectors.joining("\n"));
  }
}
