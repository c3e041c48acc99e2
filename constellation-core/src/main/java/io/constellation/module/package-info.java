/** Modules: typed units of work, their metadata and the registry. */
@NullMarked
package io.constellation.module;

import org.jspecify.annotations.NullMarked;
