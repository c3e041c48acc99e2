package io.constellation.pipeline.expr;

import com.fasterxml.jackson.databind.JsonNode;
import io.constellation.CodecException;

/**
 * JSON form of {@link Expr} trees, used when pipeline images are stored. Every built-in expression
 * kind has a {@code "kind"} field; unknown kinds are a {@link CodecException} naming the path.
 */
public final class ExprCodec {
  private ExprCodec() {}

  /** The JSON form of {@code expr}. */
  public static JsonNode toJson(Expr expr) {
    throw new CodecException("expression kind " + expr.getClass().getSimpleName() + " has no JSON form yet");
  }

  /** Reads an expression; {@code path} names where it sits in the document (for errors). */
  public static Expr fromJson(JsonNode node, String path) {
    throw new CodecException(path + ": expressions cannot be read yet");
  }
}
