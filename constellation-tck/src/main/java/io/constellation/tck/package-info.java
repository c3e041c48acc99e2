/**
 * Conformance kits: abstract JUnit classes every implementation of an SPI must pass, and test
 * listeners.
 */
@NullMarked
package io.constellation.tck;

import org.jspecify.annotations.NullMarked;
