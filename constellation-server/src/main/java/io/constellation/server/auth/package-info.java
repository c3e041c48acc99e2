/** API keys with roles (stored hashed, compared in constant time) and per-client rate limits. */
@NullMarked
package io.constellation.server.auth;

import org.jspecify.annotations.NullMarked;
