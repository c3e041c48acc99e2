package io.constellation.memcached;

import net.spy.memcached.CachedData;
import net.spy.memcached.transcoders.Transcoder;

/** Stores byte arrays as they are (flags 0, no compression, no Java serialization). */
final class RawBytesTranscoder implements Transcoder<byte[]> {
  static final RawBytesTranscoder INSTANCE = new RawBytesTranscoder();

  private RawBytesTranscoder() {}

  @Override
  public boolean asyncDecode(CachedData d) {
    return false;
  }

  @Override
  public CachedData encode(byte[] o) {
    return new CachedData(0, o, getMaxSize());
  }

  @Override
  public byte[] decode(CachedData d) {
    return d.getData();
  }

  @Override
  public int getMaxSize() {
    return CachedData.MAX_SIZE;
  }
}
