package io.constellation.lang;

import static java.util.Objects.requireNonNull;

import io.constellation.Constellation;
import io.constellation.ConstellationException;
import io.constellation.PipelineStore;
import io.constellation.module.ModuleRegistry;
import io.constellation.pipeline.DagSpec;
import io.constellation.pipeline.Hashes;
import io.constellation.pipeline.PipelineImage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Compiles constellation-lang source to {@link PipelineImage}s.
 *
 * <p>A successful compile stores the image in the pipeline store, points alias {@code name} at it
 * and indexes it by syntactic hash (SHA-256 of the UTF-8 source) and registry hash. Compiling the
 * same bytes against an unchanged registry is a cache hit: the stored image is returned without
 * parsing. Any change to a registered module's signature changes the registry hash and so
 * invalidates the cache.
 *
 * <p>Thread-safety: safe for concurrent use. Blocking: calls the pipeline store, which may block on
 * I/O. Failure: errors in the source are returned in {@link CompileResult#errors()} (never thrown);
 * store failures propagate as {@link io.constellation.StoreException}.
 */
public final class ConstellationCompiler {
  private final ModuleRegistry registry;
  private final PipelineStore store;
  private final Clock clock;
  private final AtomicLong parses = new AtomicLong();

  private ConstellationCompiler(ModuleRegistry registry, PipelineStore store, Clock clock) {
    this.registry = requireNonNull(registry, "registry");
    this.store = requireNonNull(store, "store");
    this.clock = requireNonNull(clock, "clock");
  }

  /** A compiler using the engine's module registry and pipeline store. */
  public static ConstellationCompiler forEngine(Constellation engine) {
    requireNonNull(engine, "engine");
    return new ConstellationCompiler(engine.registry(), engine.pipelineStore(), Clock.systemUTC());
  }

  /** A compiler over a registry and a store. */
  public static ConstellationCompiler of(ModuleRegistry registry, PipelineStore store) {
    return new ConstellationCompiler(registry, store, Clock.systemUTC());
  }

  /** This compiler with another clock for {@link PipelineImage#compiledAt()}. */
  public ConstellationCompiler withClock(Clock clock) {
    return new ConstellationCompiler(registry, store, clock);
  }

  /** Compiles {@code source}; {@code name} names the file in errors and is the image's alias. */
  public CompileResult compile(String source, String name) {
    requireNonNull(source, "source");
    checkName(name);
    if ((long) source.length() > Source.MAX_BYTES || utf8Length(source) > Source.MAX_BYTES) {
      return failed(name, List.of(Source.tooLarge(name)));
    }
    byte[] bytes = source.getBytes(StandardCharsets.UTF_8);
    return compile(bytes, Optional.of(source), name, true);
  }

  /** Compiles UTF-8 {@code utf8Source}; malformed UTF-8 is an error at its line and column. */
  public CompileResult compile(byte[] utf8Source, String name) {
    requireNonNull(utf8Source, "utf8Source");
    checkName(name);
    return compile(utf8Source, Optional.empty(), name, true);
  }

  /**
   * Compiles {@code source} and returns the image.
   *
   * @throws CompilationException holding every error
   */
  public PipelineImage compileOrThrow(String source, String name) {
    return compile(source, name).orThrow();
  }

  /** {@link #compileOrThrow(String, String)} for UTF-8 bytes. */
  public PipelineImage compileOrThrow(byte[] utf8Source, String name) {
    return compile(utf8Source, name).orThrow();
  }

  /**
   * Checks {@code source} without storing anything or using the cache: the errors, or an empty list
   * when it compiles.
   */
  public List<CompileError> check(String source, String name) {
    requireNonNull(source, "source");
    checkName(name);
    if (utf8Length(source) > Source.MAX_BYTES) {
      return List.of(Source.tooLarge(name));
    }
    return compile(source.getBytes(StandardCharsets.UTF_8), Optional.of(source), name, false)
        .errors();
  }

  /** How many times this compiler has parsed source (cache hits do not parse). */
  public long parseCount() {
    return parses.get();
  }

  private CompileResult compile(byte[] bytes, Optional<String> text, String name, boolean store) {
    if (bytes.length > Source.MAX_BYTES) {
      return failed(name, List.of(Source.tooLarge(name)));
    }
    String syntactic = Hashes.sha256Hex(bytes);
    String registryHash = registry.hash();
    if (store) {
      Optional<PipelineImage> hit =
          this.store.lookupSyntactic(syntactic, registryHash).flatMap(this.store::get);
      if (hit.isPresent()) {
        this.store.alias(name, hit.get().structuralHash());
        return new CompileResult(name, hit, List.of(), true);
      }
    }
    String source;
    if (text.isPresent()) {
      source = text.get();
    } else {
      Source.Result decoded = Source.decode(name, bytes);
      if (decoded.error().isPresent()) {
        return failed(name, List.of(decoded.error().get()));
      }
      source = decoded.text();
    }
    parses.incrementAndGet();
    Source src = new Source(name, source);
    List<CompileError> errors = new ArrayList<>();
    java.util.Set<String> failed = new java.util.HashSet<>();
    List<Ast.Stmt> program = Parser.parse(src, errors, failed);
    Optional<DagSpec> dag = new Checker(src, registry, errors, failed).check(program, name);
    if (!errors.isEmpty() || dag.isEmpty()) {
      return failed(name, errors);
    }
    PipelineImage image;
    try {
      image =
          PipelineImage.of(
              dag.get(), registry::find, registryHash, Optional.of(syntactic), clock.instant());
    } catch (ConstellationException e) {
      return failed(
          name,
          List.of(src.error(0, "internal compiler error: " + e.getMessage().replace('\n', ' '))));
    }
    if (store) {
      String hash = this.store.store(image);
      this.store.alias(name, hash);
      this.store.indexSyntactic(syntactic, registryHash, hash);
    }
    return new CompileResult(name, Optional.of(image), List.of(), false);
  }

  private static CompileResult failed(String name, List<CompileError> errors) {
    List<CompileError> sorted = new ArrayList<>(errors);
    sorted.sort(Comparator.comparingInt(CompileError::line).thenComparingInt(CompileError::column));
    return new CompileResult(name, Optional.empty(), sorted, false);
  }

  private static void checkName(String name) {
    requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("pipeline name must not be blank");
    }
  }

  private static long utf8Length(String s) {
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }
}
