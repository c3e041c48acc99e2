package io.constellation.pipeline;

import static java.util.Objects.requireNonNull;

import io.constellation.module.Module;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * A compiled, immutable pipeline: its DAG (with per-node call options), its three hashes and when
 * it was compiled. Stored by {@code PipelineStore} under its structural hash.
 *
 * @param structuralHash SHA-256 hex of the canonical DAG text (see {@link #structuralHashOf})
 * @param syntacticHash SHA-256 hex of the source's UTF-8 bytes, when compiled from source
 * @param registryHash SHA-256 hex of the sorted signatures of the modules registered at compile
 * @param dag the DAG
 * @param compiledAt when the image was made
 */
public record PipelineImage(
    String structuralHash,
    Optional<String> syntacticHash,
    String registryHash,
    DagSpec dag,
    Instant compiledAt) {

  public PipelineImage {
    requireNonNull(structuralHash, "structuralHash");
    requireNonNull(syntacticHash, "syntacticHash");
    requireNonNull(registryHash, "registryHash");
    requireNonNull(dag, "dag");
    requireNonNull(compiledAt, "compiledAt");
  }

  /**
   * Type-checks {@code dag} against {@code modules} and makes its image.
   *
   * @throws io.constellation.PipelineValidationException listing every problem
   */
  public static PipelineImage of(
      DagSpec dag,
      Function<String, Optional<Module>> modules,
      String registryHash,
      Optional<String> syntacticHash,
      Instant compiledAt) {
    dag.typeCheck(modules);
    return new PipelineImage(structuralHashOf(dag), syntacticHash, registryHash, dag, compiledAt);
  }

  /** The structural hash of {@code dag}. */
  public static String structuralHashOf(DagSpec dag) {
    return StructuralHash.of(dag);
  }

  /** The canonical text the structural hash is computed over (for debugging hash changes). */
  public static String canonicalTextOf(DagSpec dag) {
    return StructuralHash.canonicalText(dag);
  }

  /** The pipeline's name. */
  public String name() {
    return dag.name();
  }

  /** {@code sha256:<structuralHash>}, a reference accepted by {@code run}. */
  public String ref() {
    return "sha256:" + structuralHash;
  }
}
