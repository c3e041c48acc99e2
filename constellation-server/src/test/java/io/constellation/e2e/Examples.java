package io.constellation.e2e;

import io.constellation.pipeline.PipelineImage;
import io.constellation.type.CType;
import io.constellation.type.CValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The repository's {@code examples/} pipelines and their inputs. */
final class Examples {
  private Examples() {}

  /** The source of {@code examples/<file>}. */
  static String source(String file) {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path e = p.resolve("examples").resolve(file);
      if (Files.isRegularFile(e) && Files.exists(p.resolve("pom.xml"))) {
        try {
          return Files.readString(e);
        } catch (IOException ex) {
          throw new UncheckedIOException(ex);
        }
      }
    }
    throw new IllegalStateException(
        "examples/" + file + " not found above " + Path.of("").toAbsolutePath());
  }

  /** The {@code request} input of {@code approval.cst}. */
  static Map<String, CValue> approvalRequest(PipelineImage image, String requester, long amount) {
    CType.CProduct type = (CType.CProduct) image.dag().inputs().get("request");
    Map<String, CValue> fields = new LinkedHashMap<>();
    fields.put("requester", CValue.of(requester));
    fields.put("amount", CValue.of(amount));
    return Map.of("request", new CValue.CProduct(fields, type));
  }
}
