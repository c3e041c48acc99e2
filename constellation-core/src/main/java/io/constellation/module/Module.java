package io.constellation.module;

import static java.util.Objects.requireNonNull;

import io.constellation.type.CType;
import io.constellation.type.CTypes;
import io.constellation.type.CValue;
import io.constellation.type.CValues;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A typed unit of work: metadata, input and output schemas, an optional default timeout and a
 * blocking implementation. The first declared output is the value of a call in constellation-lang.
 * Immutable and thread-safe; the implementation must be thread-safe too, since calls of one module
 * run in parallel.
 */
public final class Module {
  private final ModuleMetadata metadata;
  private final Map<String, CType> inputs;
  private final Map<String, CType> outputs;
  private final Optional<Duration> defaultTimeout;
  private final ModuleImplementation implementation;

  private Module(Builder b) {
    this.metadata =
        new ModuleMetadata(b.name, b.description, b.major, b.minor, b.tags, b.cacheVersion);
    this.inputs = Collections.unmodifiableMap(new LinkedHashMap<>(b.inputs));
    this.outputs = Collections.unmodifiableMap(new LinkedHashMap<>(b.outputs));
    this.defaultTimeout = Optional.ofNullable(b.defaultTimeout);
    this.implementation = requireNonNull(b.implementation, "implementation of " + b.name);
    if (outputs.isEmpty()) {
      throw new IllegalArgumentException("module '" + b.name + "' declares no output");
    }
  }

  /** Starts a module definition. */
  public static Builder builder(String name) {
    return new Builder(requireNonNull(name, "name"));
  }

  /**
   * A module whose input and output schemas come from Java records: each record component is an
   * input (or output) of the module.
   */
  public static <I extends Record, O extends Record> Module of(
      String name, Class<I> inputType, Class<O> outputType, Function<I, O> body) {
    requireNonNull(body, "body");
    CType.CProduct in = CTypes.of(inputType);
    CType.CProduct out = CTypes.of(outputType);
    Builder b = builder(name);
    in.fields().forEach(b::input);
    out.fields().forEach(b::output);
    return b.implementation(
            values -> {
              CValue record = CValue.record(values.asMap());
              I arg = CValues.to(record, inputType);
              O result = body.apply(arg);
              return ((CValue.CProduct) CValues.from(result)).fields();
            })
        .build();
  }

  public ModuleMetadata metadata() {
    return metadata;
  }

  public String name() {
    return metadata.name();
  }

  /** Input schema, in declaration order. */
  public Map<String, CType> inputs() {
    return inputs;
  }

  /** Output schema, in declaration order; the first is the call's value. */
  public Map<String, CType> outputs() {
    return outputs;
  }

  /** The name of the first declared output. */
  public String primaryOutput() {
    return outputs.keySet().iterator().next();
  }

  public Optional<Duration> defaultTimeout() {
    return defaultTimeout;
  }

  public ModuleImplementation implementation() {
    return implementation;
  }

  public ModuleSignature signature() {
    return new ModuleSignature(name(), metadata.version(), inputs, outputs);
  }

  @Override
  public String toString() {
    return "Module[" + name() + "@" + metadata.version() + " " + inputs + " -> " + outputs + "]";
  }

  /** Builds a {@link Module}. Not thread-safe. */
  public static final class Builder {
    private final String name;
    private String description = "";
    private int major = 1;
    private int minor = 0;
    private final List<String> tags = new ArrayList<>();
    private String cacheVersion = "";
    private final Map<String, CType> inputs = new LinkedHashMap<>();
    private final Map<String, CType> outputs = new LinkedHashMap<>();
    private Duration defaultTimeout;
    private ModuleImplementation implementation;

    private Builder(String name) {
      this.name = name;
    }

    public Builder description(String description) {
      this.description = requireNonNull(description, "description");
      return this;
    }

    public Builder version(int major, int minor) {
      this.major = major;
      this.minor = minor;
      return this;
    }

    public Builder tags(String... tags) {
      this.tags.addAll(List.of(tags));
      return this;
    }

    /** An explicit cache version: bump it to invalidate cached results without a new version. */
    public Builder cacheVersion(String cacheVersion) {
      this.cacheVersion = requireNonNull(cacheVersion, "cacheVersion");
      return this;
    }

    public Builder input(String name, CType type) {
      if (inputs.putIfAbsent(requireNonNull(name, "name"), requireNonNull(type, "type")) != null) {
        throw new IllegalArgumentException("input '" + name + "' is declared twice");
      }
      return this;
    }

    public Builder output(String name, CType type) {
      if (outputs.putIfAbsent(requireNonNull(name, "name"), requireNonNull(type, "type")) != null) {
        throw new IllegalArgumentException("output '" + name + "' is declared twice");
      }
      return this;
    }

    /** The default per-call timeout, used when a call sets none. */
    public Builder timeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be > 0");
      }
      this.defaultTimeout = timeout;
      return this;
    }

    public Builder implementation(ModuleImplementation implementation) {
      this.implementation = requireNonNull(implementation, "implementation");
      return this;
    }

    public Module build() {
      return new Module(this);
    }
  }
}
