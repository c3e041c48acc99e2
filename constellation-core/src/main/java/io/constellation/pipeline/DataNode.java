package io.constellation.pipeline;

import static java.util.Objects.requireNonNull;

import io.constellation.type.CType;
import io.constellation.type.CValue;
import java.util.Optional;

/**
 * A named, typed value of a pipeline. A data node that no node produces is an input of the
 * pipeline. {@code example} (from {@code @example(..)}) helps forms and CLIs; it is not part of the
 * structural hash.
 */
public record DataNode(String name, CType type, Optional<CValue> example) {
  public DataNode {
    requireNonNull(name, "name");
    requireNonNull(type, "type");
    requireNonNull(example, "example");
  }

  public DataNode(String name, CType type) {
    this(name, type, Optional.empty());
  }
}
