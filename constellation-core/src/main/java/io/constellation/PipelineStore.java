package io.constellation;

import io.constellation.pipeline.PipelineImage;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stores compiled pipelines by structural hash, with human aliases and a syntactic index (source
 * hash + registry hash → structural hash) that lets the compiler skip unchanged source.
 *
 * <p><b>Thread-safety:</b> implementations must be safe for concurrent use.
 *
 * <p><b>Blocking:</b> methods may block on I/O; the engine calls them on virtual threads.
 *
 * <p><b>Failure:</b> I/O and database failures are thrown as {@link StoreException} (keeping the
 * driver's exception as cause), and leave the store unchanged: nothing is half written.
 */
public interface PipelineStore {

  /** Stores {@code image}; returns its structural hash. Idempotent. */
  String store(PipelineImage image);

  /**
   * Points alias {@code name} at {@code structuralHash}, replacing a previous target.
   *
   * @throws PipelineNotFoundException when no image is stored under that hash
   */
  void alias(String name, String structuralHash);

  /** The structural hash an alias points at. */
  Optional<String> resolve(String name);

  /** Every alias → structural hash. */
  Map<String, String> listAliases();

  /** The image stored under {@code structuralHash}. */
  Optional<PipelineImage> get(String structuralHash);

  /** The image an alias points at. */
  default Optional<PipelineImage> getByName(String name) {
    return resolve(name).flatMap(this::get);
  }

  /**
   * Records that source with {@code syntacticHash}, compiled against {@code registryHash}, gave
   * {@code structuralHash}.
   */
  void indexSyntactic(String syntacticHash, String registryHash, String structuralHash);

  /** The structural hash recorded by {@link #indexSyntactic}, if any. */
  Optional<String> lookupSyntactic(String syntacticHash, String registryHash);

  /** Every stored image. */
  List<PipelineImage> listImages();

  /** Removes the image (and aliases pointing at it); returns whether it was stored. */
  boolean remove(String structuralHash);
}
