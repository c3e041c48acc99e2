/** The Constellation server: wiring configuration to backends, loading pipelines, serving HTTP. */
@NullMarked
package io.constellation.server;

import org.jspecify.annotations.NullMarked;
