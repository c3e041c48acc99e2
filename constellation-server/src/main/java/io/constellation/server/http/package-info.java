/** The HTTP API. */
@NullMarked
package io.constellation.server.http;

import org.jspecify.annotations.NullMarked;
