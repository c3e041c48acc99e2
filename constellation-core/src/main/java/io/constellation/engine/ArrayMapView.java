package io.constellation.engine;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A read-only map over parallel arrays (keys[i] → values[i], null values absent), in index order.
 * Built in O(n) without hashing; handed to result records, which make their own copy. Not
 * thread-safe; the arrays must not change while it is read.
 */
final class ArrayMapView<V> extends AbstractMap<String, V> {
  private final String[] keys;
  private final V[] values;
  private final int size;

  ArrayMapView(String[] keys, V[] values) {
    this.keys = keys;
    this.values = values;
    int n = 0;
    for (V v : values) {
      if (v != null) {
        n++;
      }
    }
    this.size = n;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public Set<Map.Entry<String, V>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return size;
      }

      @Override
      public Iterator<Map.Entry<String, V>> iterator() {
        return new Iterator<>() {
          private int next = advance(0);

          private int advance(int from) {
            int i = from;
            while (i < values.length && values[i] == null) {
              i++;
            }
            return i;
          }

          @Override
          public boolean hasNext() {
            return next < values.length;
          }

          @Override
          public Map.Entry<String, V> next() {
            if (next >= values.length) {
              throw new NoSuchElementException();
            }
            Map.Entry<String, V> e = new SimpleImmutableEntry<>(keys[next], values[next]);
            next = advance(next + 1);
            return e;
          }
        };
      }
    };
  }
}
