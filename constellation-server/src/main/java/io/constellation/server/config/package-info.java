/**
 * Server configuration and the {@link io.constellation.server.config.BackendFactory} SPI mapping
 * URIs to backends.
 */
@NullMarked
package io.constellation.server.config;

import org.jspecify.annotations.NullMarked;
