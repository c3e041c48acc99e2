package io.constellation.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.constellation.PipelineNotFoundException;
import io.constellation.PipelineStore;
import io.constellation.pipeline.PipelineImage;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Conformance kit for {@link PipelineStore}. Subclass it and implement {@link #createStore()},
 * which must return an empty store (e.g. a fresh database, schema or table prefix).
 *
 * <p>Images are compared field by field: structural, syntactic and registry hashes and the {@code
 * DagSpec} (data nodes with examples, nodes, call options, outputs) must be equal; {@code
 * compiledAt} must be equal at least to the millisecond (a store may truncate finer digits). The
 * sample images are {@link SampleData#image(int)}.
 */
public abstract class PipelineStoreContract {
  private PipelineStore store;

  /** A fresh, empty store. */
  protected abstract PipelineStore createStore();

  /** Releases the store after each test; closes it when it is {@link AutoCloseable}. */
  protected void closeStore(PipelineStore store) {
    if (store instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception e) {
        throw new IllegalStateException("closing the store failed", e);
      }
    }
  }

  /** The store of the current test. */
  protected final PipelineStore store() {
    return store;
  }

  @BeforeEach
  final void tckCreateStore() {
    store = createStore();
    assertThat(store).as("createStore()").isNotNull();
  }

  @AfterEach
  final void tckCloseStore() {
    if (store != null) {
      closeStore(store);
      store = null;
    }
  }

  /** Asserts that {@code actual} equals {@code expected}, {@code compiledAt} to the millisecond. */
  protected static void assertSameImage(PipelineImage actual, PipelineImage expected) {
    assertThat(actual.structuralHash()).as("structuralHash").isEqualTo(expected.structuralHash());
    assertThat(actual.syntacticHash()).as("syntacticHash").isEqualTo(expected.syntacticHash());
    assertThat(actual.registryHash()).as("registryHash").isEqualTo(expected.registryHash());
    assertThat(actual.dag().name()).as("dag name").isEqualTo(expected.dag().name());
    assertThat(actual.dag().dataNodes()).as("data nodes").isEqualTo(expected.dag().dataNodes());
    assertThat(actual.dag().nodes()).as("nodes and call options").isEqualTo(expected.dag().nodes());
    assertThat(actual.dag().outputs()).as("outputs").isEqualTo(expected.dag().outputs());
    assertThat(actual.dag()).as("dag").isEqualTo(expected.dag());
    assertThat(actual.compiledAt().truncatedTo(ChronoUnit.MILLIS))
        .as("compiledAt (to the millisecond)")
        .isEqualTo(expected.compiledAt().truncatedTo(ChronoUnit.MILLIS));
  }

  @Test
  void storeReturnsTheStructuralHash() {
    PipelineImage image = SampleData.image(1);
    assertThat(store.store(image)).isEqualTo(image.structuralHash());
  }

  @Test
  void storingTheSameImageTwiceIsIdempotent() {
    PipelineImage image = SampleData.image(1);
    String first = store.store(image);
    String second = store.store(image);
    assertThat(second).isEqualTo(first);
    assertThat(store.listImages()).hasSize(1);
  }

  @Test
  void theImageReadBackEqualsTheOneStored() {
    PipelineImage image = SampleData.image(2);
    String hash = store.store(image);
    assertSameImage(store.get(hash).orElseThrow(), image);
  }

  @Test
  void getOfAnUnknownHashIsEmpty() {
    store.store(SampleData.image(1));
    assertThat(store.get(SampleData.image(2).structuralHash())).isEmpty();
  }

  @Test
  void anAliasResolvesToItsHashAndImage() {
    PipelineImage image = SampleData.image(1);
    String hash = store.store(image);
    store.alias("scoring", hash);
    assertThat(store.resolve("scoring")).contains(hash);
    assertSameImage(store.getByName("scoring").orElseThrow(), image);
  }

  @Test
  void unknownAliasesResolveToNothing() {
    assertThat(store.resolve("nope")).isEmpty();
    assertThat(store.getByName("nope")).isEmpty();
  }

  @Test
  void aliasingAnUnknownHashThrowsPipelineNotFound() {
    String unknown = SampleData.image(3).structuralHash();
    assertThatThrownBy(() -> store.alias("ghost", unknown))
        .isInstanceOf(PipelineNotFoundException.class);
    assertThat(store.resolve("ghost")).isEmpty();
  }

  @Test
  void aliasingAgainMovesTheAlias() {
    String h1 = store.store(SampleData.image(1));
    String h2 = store.store(SampleData.image(2));
    store.alias("current", h1);
    store.alias("current", h2);
    assertThat(store.resolve("current")).contains(h2);
    assertThat(store.listAliases()).containsExactlyEntriesOf(Map.of("current", h2));
  }

  @Test
  void listAliasesReturnsEveryAlias() {
    String h1 = store.store(SampleData.image(1));
    String h2 = store.store(SampleData.image(2));
    store.alias("a", h1);
    store.alias("b", h2);
    store.alias("c \u00fcnicode/with:colons", h1);
    assertThat(store.listAliases())
        .containsOnly(
            Map.entry("a", h1), Map.entry("b", h2), Map.entry("c \u00fcnicode/with:colons", h1));
  }

  @Test
  void theSyntacticIndexFindsTheStructuralHash() {
    PipelineImage image = SampleData.image(1);
    String hash = store.store(image);
    String syntactic = image.syntacticHash().orElseThrow();
    store.indexSyntactic(syntactic, image.registryHash(), hash);
    assertThat(store.lookupSyntactic(syntactic, image.registryHash())).contains(hash);
  }

  @Test
  void theRegistryHashIsPartOfTheSyntacticKey() {
    PipelineImage image = SampleData.image(1);
    String hash = store.store(image);
    String syntactic = image.syntacticHash().orElseThrow();
    store.indexSyntactic(syntactic, image.registryHash(), hash);
    assertThat(store.lookupSyntactic(syntactic, SampleData.sha256Hex("another registry")))
        .isEmpty();
    assertThat(store.lookupSyntactic(SampleData.sha256Hex("other source"), image.registryHash()))
        .isEmpty();
  }

  @Test
  void indexingTheSameSourceAgainReplacesTheTarget() {
    String h1 = store.store(SampleData.image(1));
    String h2 = store.store(SampleData.image(2));
    String syntactic = SampleData.sha256Hex("edited source");
    String registry = SampleData.registry().hash();
    store.indexSyntactic(syntactic, registry, h1);
    store.indexSyntactic(syntactic, registry, h2);
    assertThat(store.lookupSyntactic(syntactic, registry)).contains(h2);
  }

  @Test
  void listImagesReturnsEveryStoredImage() {
    PipelineImage i1 = SampleData.image(1);
    PipelineImage i2 = SampleData.image(2);
    PipelineImage i3 = SampleData.image(3);
    store.store(i1);
    store.store(i2);
    store.store(i3);
    List<PipelineImage> all = store.listImages();
    assertThat(all)
        .extracting(PipelineImage::structuralHash)
        .containsExactlyInAnyOrder(i1.structuralHash(), i2.structuralHash(), i3.structuralHash());
    for (PipelineImage read : all) {
      PipelineImage expected =
          List.of(i1, i2, i3).stream()
              .filter(i -> i.structuralHash().equals(read.structuralHash()))
              .findFirst()
              .orElseThrow();
      assertSameImage(read, expected);
    }
  }

  @Test
  void anEmptyStoreListsNothing() {
    assertThat(store.listImages()).isEmpty();
    assertThat(store.listAliases()).isEmpty();
  }

  @Test
  void removeReturnsWhetherTheImageWasStored() {
    String hash = store.store(SampleData.image(1));
    assertThat(store.remove(hash)).isTrue();
    assertThat(store.get(hash)).isEmpty();
    assertThat(store.remove(hash)).isFalse();
    assertThat(store.listImages()).isEmpty();
  }

  @Test
  void removeDropsTheAliasesOfThatImageOnly() {
    String h1 = store.store(SampleData.image(1));
    String h2 = store.store(SampleData.image(2));
    store.alias("one", h1);
    store.alias("one-again", h1);
    store.alias("two", h2);
    store.remove(h1);
    assertThat(store.resolve("one")).isEmpty();
    assertThat(store.resolve("one-again")).isEmpty();
    assertThat(store.resolve("two")).contains(h2);
    assertThat(store.listAliases()).containsExactlyEntriesOf(Map.of("two", h2));
    assertThat(store.get(h2)).isPresent();
  }

  @Test
  void aRemovedImageCanBeStoredAgain() {
    PipelineImage image = SampleData.image(1);
    String hash = store.store(image);
    store.remove(hash);
    assertThat(store.store(image)).isEqualTo(hash);
    assertSameImage(store.get(hash).orElseThrow(), image);
  }

  @Test
  void concurrentStoresOfTheSameImageAreSafe() throws Exception {
    PipelineImage image = SampleData.image(4);
    int threads = 16;
    CountDownLatch start = new CountDownLatch(1);
    List<String> hashes = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<String>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return store.store(image);
                }));
      }
      start.countDown();
      for (Future<String> f : futures) {
        hashes.add(f.get());
      }
    }
    assertThat(hashes).hasSize(threads).containsOnly(image.structuralHash());
    assertThat(store.listImages()).hasSize(1);
    assertSameImage(store.get(image.structuralHash()).orElseThrow(), image);
  }
}
