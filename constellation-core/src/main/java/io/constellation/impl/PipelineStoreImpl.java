package io.constellation.impl;

import static java.util.Objects.requireNonNull;

import io.constellation.PipelineNotFoundException;
import io.constellation.PipelineStore;
import io.constellation.pipeline.PipelineImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The default pipeline store: in memory, lost on restart.
 *
 * <p>Thread-safety: safe for concurrent use. Never blocks beyond a short in-memory lock.
 */
public final class PipelineStoreImpl implements PipelineStore {
  private final Map<String, PipelineImage> images = new ConcurrentHashMap<>();
  private final Map<String, String> aliases = new ConcurrentHashMap<>();
  private final Map<String, String> syntactic = new ConcurrentHashMap<>();
  private final ReentrantLock lock = new ReentrantLock();

  @Override
  public String store(PipelineImage image) {
    requireNonNull(image, "image");
    images.putIfAbsent(image.structuralHash(), image);
    return image.structuralHash();
  }

  @Override
  public void alias(String name, String structuralHash) {
    requireNonNull(name, "name");
    requireNonNull(structuralHash, "structuralHash");
    lock.lock();
    try {
      if (!images.containsKey(structuralHash)) {
        throw new PipelineNotFoundException(
            "cannot alias '" + name + "': no pipeline stored under " + structuralHash);
      }
      aliases.put(name, structuralHash);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Optional<String> resolve(String name) {
    return Optional.ofNullable(aliases.get(requireNonNull(name, "name")));
  }

  @Override
  public Map<String, String> listAliases() {
    return Map.copyOf(new TreeMap<>(aliases));
  }

  @Override
  public Optional<PipelineImage> get(String structuralHash) {
    return Optional.ofNullable(images.get(requireNonNull(structuralHash, "structuralHash")));
  }

  @Override
  public void indexSyntactic(String syntacticHash, String registryHash, String structuralHash) {
    requireNonNull(syntacticHash, "syntacticHash");
    requireNonNull(registryHash, "registryHash");
    requireNonNull(structuralHash, "structuralHash");
    syntactic.put(syntacticHash + "|" + registryHash, structuralHash);
  }

  @Override
  public Optional<String> lookupSyntactic(String syntacticHash, String registryHash) {
    return Optional.ofNullable(syntactic.get(syntacticHash + "|" + registryHash));
  }

  @Override
  public List<PipelineImage> listImages() {
    List<PipelineImage> out = new ArrayList<>(images.values());
    out.sort((a, b) -> a.structuralHash().compareTo(b.structuralHash()));
    return out;
  }

  @Override
  public boolean remove(String structuralHash) {
    requireNonNull(structuralHash, "structuralHash");
    lock.lock();
    try {
      boolean removed = images.remove(structuralHash) != null;
      aliases.values().removeIf(structuralHash::equals);
      syntactic.values().removeIf(structuralHash::equals);
      return removed;
    } finally {
      lock.unlock();
    }
  }
}
