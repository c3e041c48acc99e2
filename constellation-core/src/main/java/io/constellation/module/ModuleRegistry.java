package io.constellation.module;

import static java.util.Objects.requireNonNull;

import io.constellation.pipeline.Hashes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The modules known to an engine, by name. Names are case-sensitive. A dotted name such as {@code
 * stdlib.string.trim} is also reachable by its last segment ({@code trim}) unless another module
 * already owns that short name: the first registration wins, and an exact name always wins over a
 * short one. Registering a name again replaces the module.
 *
 * <p>Thread-safety: safe for concurrent use; lookups are lock-free reads of an immutable snapshot,
 * changes are serialized.
 */
public final class ModuleRegistry {
  private record Snapshot(
      Map<String, Module> byName, Map<String, String> shortNames, String hash) {}

  private final ReentrantLock writeLock = new ReentrantLock();
  private volatile Snapshot snapshot = new Snapshot(Map.of(), Map.of(), hashOf(Map.of()));

  /** Adds or replaces {@code module}. */
  public void register(Module module) {
    requireNonNull(module, "module");
    writeLock.lock();
    try {
      Map<String, Module> next = new TreeMap<>(snapshot.byName());
      next.put(module.name(), module);
      publish(next);
    } finally {
      writeLock.unlock();
    }
  }

  /** Removes the module named {@code name}; returns whether it was registered. */
  public boolean remove(String name) {
    requireNonNull(name, "name");
    writeLock.lock();
    try {
      Map<String, Module> next = new TreeMap<>(snapshot.byName());
      if (next.remove(name) == null) {
        return false;
      }
      publish(next);
      return true;
    } finally {
      writeLock.unlock();
    }
  }

  /** The module with exactly this name, else the one owning it as a short name. */
  public Optional<Module> find(String name) {
    Snapshot s = snapshot;
    Module m = s.byName().get(name);
    if (m == null) {
      String full = s.shortNames().get(name);
      if (full != null) {
        m = s.byName().get(full);
      }
    }
    return Optional.ofNullable(m);
  }

  /** All modules, sorted by name. */
  public List<Module> all() {
    return List.copyOf(snapshot.byName().values());
  }

  /** All registered names, sorted. */
  public List<String> names() {
    return new ArrayList<>(snapshot.byName().keySet());
  }

  /** SHA-256 hex over the sorted signatures of the registered modules. */
  public String hash() {
    return snapshot.hash();
  }

  private void publish(Map<String, Module> byName) {
    for (String name : byName.keySet()) {
      registrationOrder.putIfAbsent(name, ++sequence);
    }
    registrationOrder.keySet().retainAll(byName.keySet());
    List<String> inOrder = new ArrayList<>(byName.keySet());
    inOrder.sort(java.util.Comparator.comparingLong(registrationOrder::get));
    Map<String, String> shorts = new TreeMap<>();
    for (String full : inOrder) {
      int dot = full.lastIndexOf('.');
      if (dot >= 0) {
        String shortName = full.substring(dot + 1);
        if (!byName.containsKey(shortName)) {
          shorts.putIfAbsent(shortName, full);
        }
      }
    }
    snapshot = new Snapshot(Map.copyOf(byName), Map.copyOf(shorts), hashOf(byName));
  }

  // guarded by writeLock: registration order, so the first module for a short name keeps it
  private final Map<String, Long> registrationOrder = new java.util.HashMap<>();
  private long sequence;

  private static String hashOf(Map<String, Module> byName) {
    StringBuilder sb = new StringBuilder();
    for (Module m : byName.values()) {
      sb.append(m.signature().canonical()).append('\n');
    }
    return Hashes.sha256Hex(sb.toString());
  }
}
