/**
 * Private server processes for tests: {@link io.constellation.tck.process.ServerProcess} starts a
 * binary such as {@code redis-server} or {@code memcached} on a free loopback port and stops it.
 */
@NullMarked
package io.constellation.tck.process;

import org.jspecify.annotations.NullMarked;
