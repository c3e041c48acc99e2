package io.constellation.server;

import static java.util.Objects.requireNonNull;

import io.constellation.ProblemListException;
import io.constellation.pipeline.PipelineImage;
import io.constellation.server.config.ConfigException;
import io.constellation.server.http.SourceCompiler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Loads every {@code *.cst} file of a directory at start, all or nothing: every file is compiled
 * first without storing; only when all compile are they stored and aliased (alias = file name
 * without {@code .cst}). Otherwise nothing is stored and every error of every file is reported.
 */
public final class PipelineLoader {
  private PipelineLoader() {}

  /** Thrown when a file does not compile; {@link #errors()} lists every error of every file. */
  public static final class LoadException extends ConfigException {
    private static final long serialVersionUID = 1L;
    private final List<String> errors;

    LoadException(String message, List<String> errors) {
      super(message);
      this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
      return errors;
    }
  }

  /**
   * Loads {@code dir}; returns alias → image in file-name order.
   *
   * @throws ConfigException when the directory cannot be read
   * @throws LoadException when any file does not compile (nothing is stored then)
   */
  public static Map<String, PipelineImage> load(Path dir, SourceCompiler compiler) {
    requireNonNull(dir, "dir");
    if (!Files.isDirectory(dir)) {
      throw new ConfigException("--pipelines " + dir + ": not a directory");
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.getFileName().toString().endsWith(".cst")).sorted().toList();
    } catch (IOException e) {
      throw new ConfigException("--pipelines " + dir + ": cannot list: " + e.getMessage());
    }
    Map<String, String> sources = new LinkedHashMap<>();
    List<String> errors = new ArrayList<>();
    for (Path f : files) {
      String name = f.getFileName().toString().replaceFirst("\\.cst$", "");
      if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.\\-]*")) {
        errors.add(
            f + ": '" + name + "' is not a valid pipeline name (letters, digits, '_', '-', '.')");
        continue;
      }
      try {
        String source = Files.readString(f, StandardCharsets.UTF_8);
        compiler.compile(source, name, false);
        sources.put(name, source);
      } catch (ProblemListException e) {
        errors.addAll(e.problems());
      } catch (IOException e) {
        errors.add(f + ": cannot read: " + e.getMessage());
      }
    }
    if (!errors.isEmpty()) {
      throw new LoadException(
          "--pipelines "
              + dir
              + ": "
              + errors.size()
              + " error"
              + (errors.size() == 1 ? "" : "s")
              + "; nothing was loaded",
          errors);
    }
    Map<String, PipelineImage> out = new LinkedHashMap<>();
    sources.forEach((name, source) -> out.put(name, compiler.compile(source, name, true)));
    return out;
  }
}
