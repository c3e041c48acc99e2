/** The Java modules used by the pipelines in {@code examples/}. */
@NullMarked
package io.constellation.lang.examples;

import org.jspecify.annotations.NullMarked;
