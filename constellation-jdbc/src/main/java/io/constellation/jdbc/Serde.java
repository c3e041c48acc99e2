package io.constellation.jdbc;

import io.constellation.pipeline.PipelineImage;
import io.constellation.suspension.SuspendedExecution;
import io.constellation.type.CType;
import java.util.Map;

/** JSON forms of what the stores keep (placeholder until the core codecs land). */
final class Serde {
  private Serde() {}

  static String imageToJson(PipelineImage image) {
    throw new UnsupportedOperationException("PipelineImageCodec pending");
  }

  static PipelineImage imageFromJson(String json) {
    throw new UnsupportedOperationException("PipelineImageCodec pending");
  }

  static String suspensionToJson(SuspendedExecution execution) {
    throw new UnsupportedOperationException("SuspensionCodec pending");
  }

  static SuspendedExecution suspensionFromJson(String json) {
    throw new UnsupportedOperationException("SuspensionCodec pending");
  }

  static String typesToJson(Map<String, CType> types) {
    throw new UnsupportedOperationException("SuspensionCodec pending");
  }

  static Map<String, CType> typesFromJson(String json) {
    throw new UnsupportedOperationException("SuspensionCodec pending");
  }
}
